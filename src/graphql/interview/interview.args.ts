import { ProviderEnum } from '../common/enums';
import { ArgsType, Field, ID, registerEnumType } from 'type-graphql';
import { InterviewStatus } from '../../domain/model';
import type { Provider } from '../../domain/provider';
import { PagingArgs } from '../common/paging.args';
import { DateTime } from '../common/scalars';

/** Ties are broken by id: the order is total. */
export enum InterviewOrder {
  UPDATED_AT_DESC = 'UPDATED_AT_DESC',
  COMPLETED_AT_DESC = 'COMPLETED_AT_DESC',
  INVITED_AT_DESC = 'INVITED_AT_DESC',
}

registerEnumType(InterviewOrder, {
  name: 'InterviewOrder',
  description:
    'Order of the cross-vendor interview feed. Ties are broken by id, so paging never repeats or skips; interviews without a value for the key come last.',
  valuesConfig: {
    UPDATED_AT_DESC: { description: "Most recently changed first (the vendor's `updatedAt`)." },
    COMPLETED_AT_DESC: { description: 'Most recently completed first; not completed ones last.' },
    INVITED_AT_DESC: { description: 'Most recently invited first; those the vendor does not date last.' },
  },
});

@ArgsType()
export class InterviewFilterArgs extends PagingArgs {
  @Field(() => InterviewStatus, { nullable: true, description: 'Only interviews in this normalised status.' })
  status?: InterviewStatus | null;
}

@ArgsType()
export class InterviewsArgs extends InterviewFilterArgs {
  @Field(() => ProviderEnum, {
    nullable: true,
    description:
      "One vendor. Alone (with `status`, `templateId`, paging), this is that vendor's live list in the vendor's own order, straight from its API. Omit it for every configured vendor in one order.",
  })
  provider?: Provider | null;

  @Field(() => [ProviderEnum], { nullable: true, description: 'Only these vendors, merged in one order (default: every configured vendor).' })
  providers?: Provider[] | null;

  @Field(() => ID, { nullable: true, description: 'Only interviews of this InterviewTemplate (its global id).' })
  templateId?: string | null;

  @Field(() => InterviewOrder, {
    nullable: true,
    description: 'Order of the cross-vendor feed (default UPDATED_AT_DESC). Setting it reads the feed even with `provider`.',
  })
  orderBy?: InterviewOrder | null;

  @Field(() => DateTime, {
    nullable: true,
    description: 'Only interviews whose vendor `updatedAt` is at or after this time (those the vendor does not date never match).',
  })
  updatedAfter?: Date | null;

  @Field(() => DateTime, { nullable: true, description: 'Only interviews whose vendor `updatedAt` is before this time.' })
  updatedBefore?: Date | null;

  @Field(() => String, { nullable: true, description: "Only this person's interviews (email matched trimmed and case-insensitively)." })
  candidateEmail?: string | null;
}
