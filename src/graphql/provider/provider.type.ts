import { ProviderEnum } from '../common/enums';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { Provider } from '../../domain/provider';
import { DateTime } from '../common/scalars';

export enum ProviderMode {
  LIVE = 'LIVE',
  SANDBOX = 'SANDBOX',
  NOT_CONFIGURED = 'NOT_CONFIGURED',
}
registerEnumType(ProviderMode, {
  name: 'ProviderMode',
  description: 'How the gateway reaches a provider.',
  valuesConfig: {
    LIVE: { description: "The vendor's real API, with configured credentials." },
    SANDBOX: { description: 'The built-in simulator (no vendor keys configured).' },
    NOT_CONFIGURED: { description: 'No credentials: queries for this provider fail with VENDOR_NOT_CONFIGURED.' },
  },
});

export enum PaginationStyle {
  OFFSET = 'OFFSET',
  CURSOR = 'CURSOR',
  NONE = 'NONE',
}
registerEnumType(PaginationStyle, {
  name: 'PaginationStyle',
  description: "How the vendor's API pages lists (the gateway always exposes Relay cursors).",
  valuesConfig: {
    OFFSET: { description: 'page/limit.' },
    CURSOR: { description: 'starting_after cursor.' },
    NONE: { description: 'No pagination: whole lists.' },
  },
});

export enum HealthStatus {
  UP = 'UP',
  DEGRADED = 'DEGRADED',
  DOWN = 'DOWN',
}
registerEnumType(HealthStatus, {
  name: 'HealthStatus',
  description: 'Vendor health as this gateway instance has seen it.',
  valuesConfig: {
    UP: { description: 'The last call succeeded (or none failed yet).' },
    DEGRADED: { description: 'The last call failed.' },
    DOWN: { description: 'The last 5 or more calls failed, or the circuit breaker is open.' },
  },
});

@ObjectType('ProviderCapabilities', { simpleResolvers: true, description: 'What a provider can do.' })
export class ProviderCapabilitiesType {
  @Field(() => PaginationStyle, { description: "How the vendor's API pages lists." })
  pagination!: PaginationStyle;

  @Field({ description: 'Interviews can be listed.' })
  listInterviews!: boolean;

  @Field({ description: 'Interview templates can be listed.' })
  listTemplates!: boolean;

  @Field({ description: 'The vendor can push webhooks to the gateway.' })
  webhooks!: boolean;

  @Field({ description: '`createInterviewTemplate` works for this vendor.' })
  createTemplates!: boolean;

  @Field({ description: '`inviteCandidate` works for this vendor.' })
  inviteCandidates!: boolean;

  @Field({ description: 'Scorecard items carry numbers on a documented scale (false: labels only).' })
  numericScorecard!: boolean;

  @Field(() => Int, { nullable: true, description: "The vendor's documented request budget per minute, if any." })
  rateLimitPerMinute!: number | null;
}

export enum BreakerState {
  CLOSED = 'CLOSED',
  OPEN = 'OPEN',
  HALF_OPEN = 'HALF_OPEN',
}

registerEnumType(BreakerState, {
  name: 'BreakerState',
  description: "The vendor's circuit breaker on this instance.",
  valuesConfig: {
    CLOSED: { description: 'Calls go through.' },
    OPEN: { description: 'Recent calls failed: calls fail fast (VENDOR_UNAVAILABLE, `circuitOpen`) without reaching the vendor until a probe is due.' },
    HALF_OPEN: { description: 'One probe call is testing whether the vendor is back.' },
  },
});

@ObjectType('ProviderHealth', { simpleResolvers: true, description: 'Health of a provider as this gateway instance has seen it.' })
export class ProviderHealthType {
  @Field(() => HealthStatus, { description: 'UP, DEGRADED or DOWN.' })
  status!: HealthStatus;

  @Field(() => DateTime, { nullable: true, description: 'Last successful call.' })
  lastSuccessAt!: string | null;

  @Field(() => DateTime, { nullable: true, description: 'Last failed call.' })
  lastErrorAt!: string | null;

  @Field(() => String, { nullable: true, description: 'Error code of the last failure (e.g. VENDOR_TIMEOUT).' })
  lastErrorCode!: string | null;

  @Field(() => Int, { description: 'Failures in a row since the last success.' })
  consecutiveFailures!: number;

  @Field(() => BreakerState, { description: 'The circuit breaker: OPEN while the vendor is failing (calls fail fast).' })
  breaker!: BreakerState;

  @Field(() => Int, {
    nullable: true,
    description: "Requests left of the vendor's per-minute budget on this instance; null when the vendor has no documented limit.",
  })
  rateLimitRemaining!: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'The per-minute budget the gateway keeps to (the documented limit, or `<VENDOR>_RATE_LIMIT_PER_MINUTE`); null: none.',
  })
  rateLimitPerMinute!: number | null;

  @Field(() => Int, { description: 'Calls to the vendor in flight now.' })
  inFlight!: number;

  @Field(() => Int, { description: 'Calls waiting for a slot under the concurrency cap.' })
  queued!: number;
}

@ObjectType('IdentitySyncStatus', {
  simpleResolvers: true,
  description: "Progress of the background sync that indexes this provider's interviews by candidate email.",
})
export class IdentitySyncStatusType {
  @Field(() => DateTime, { nullable: true, description: 'When the last complete pass finished.' })
  lastSyncAt!: string | null;

  @Field(() => DateTime, { nullable: true, description: 'When the last run started.' })
  lastAttemptAt!: string | null;

  @Field({ description: 'True while a pass is unfinished (it resumes where it stopped).' })
  inProgress!: boolean;

  @Field(() => Int, { description: 'Interviews indexed by the current (or last completed) pass.' })
  indexedThisPass!: number;

  @Field(() => String, { nullable: true, description: 'Why the last run failed (cleared by a completed pass).' })
  lastError!: string | null;

  @Field(() => DateTime, { nullable: true, description: 'When the last run failed.' })
  lastErrorAt!: string | null;

  @Field(() => DateTime, {
    nullable: true,
    description:
      "When this provider was first fully indexed (a whole-list pass and every completed interview's report): the cross-vendor feeds hold all of its interviews from then on. Null before: responses reading them say `extensions.indexIncomplete`.",
  })
  indexedAt!: string | null;

  @Field(() => DateTime, { nullable: true, description: "When the last pass that read the vendor's whole list (not only what was new) finished." })
  lastFullPassAt!: string | null;
}

@ObjectType('ProviderInfo', { simpleResolvers: true, description: 'A vendor the gateway knows, how it is reached and how it is doing.' })
export class ProviderInfo {
  @Field(() => ProviderEnum, { description: 'The provider.' })
  provider!: Provider;

  @Field({ description: 'Display name.' })
  name!: string;

  @Field(() => ProviderMode, { description: 'LIVE, SANDBOX or NOT_CONFIGURED.' })
  mode!: ProviderMode;

  @Field({ description: "The vendor's API documentation." })
  docsUrl!: string;

  @Field(() => ProviderCapabilitiesType, { description: 'What the provider can do.' })
  capabilities!: ProviderCapabilitiesType;

  @Field(() => ProviderHealthType, { nullable: true, description: 'Health; null when not configured.' })
  health!: ProviderHealthType | null;
}
