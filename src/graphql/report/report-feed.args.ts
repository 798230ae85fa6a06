import { ProviderEnum } from '../common/enums';
import { ArgsType, Field, Float, ID, registerEnumType } from 'type-graphql';
import type { Provider } from '../../domain/provider';
import { PagingArgs } from '../common/paging.args';
import { DateTime } from '../common/scalars';

/** Ties are broken by id: the order is total. */
export enum ReportOrder {
  COMPLETED_AT_DESC = 'COMPLETED_AT_DESC',
  SCORE_DESC = 'SCORE_DESC',
}

registerEnumType(ReportOrder, {
  name: 'ReportOrder',
  description: 'Order of the cross-vendor report feed. Ties are broken by id, so paging never repeats or skips.',
  valuesConfig: {
    COMPLETED_AT_DESC: { description: 'Most recently completed first; reports the vendor does not date last.' },
    SCORE_DESC: {
      description:
        'Highest comparable score first: only scores whose scale the vendor documents (`Score.scale` PERCENT, on 0–100) are ordered by value. Every other report — a label ladder (ORDINAL), an undocumented scale (UNKNOWN) or no score — follows, most recently completed first.',
    },
  },
});

@ArgsType()
export class ReportsArgs extends PagingArgs {
  @Field(() => ProviderEnum, { nullable: true, description: 'Only this vendor (default: every configured vendor).' })
  provider?: Provider | null;

  @Field(() => [ProviderEnum], { nullable: true, description: 'Only these vendors, merged in one order.' })
  providers?: Provider[] | null;

  @Field(() => ID, { nullable: true, description: 'Only reports of interviews of this InterviewTemplate (its global id).' })
  templateId?: string | null;

  @Field(() => DateTime, { nullable: true, description: 'Only reports completed at or after this time (those the vendor does not date never match).' })
  completedAfter?: Date | null;

  @Field(() => Float, {
    nullable: true,
    description:
      'Only reports whose overall score is at least this, on 0–100. Only comparable scores can match (`Score.scale` PERCENT): reports on a label ladder or an undocumented scale never do.',
  })
  minScore?: number | null;

  @Field(() => ReportOrder, { nullable: true, description: 'Default COMPLETED_AT_DESC.' })
  orderBy?: ReportOrder | null;
}
