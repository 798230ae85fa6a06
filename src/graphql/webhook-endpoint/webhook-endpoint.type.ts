import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { createConnectionType } from '../common/connection.type';
import { DateTime, JSON as JSONScalar } from '../common/scalars';

/** GraphQL enum values; on the wire (the payload's `type`) they are `interview.updated` etc. */
export enum WebhookEventType {
  INTERVIEW_UPDATED = 'interview.updated',
  REPORT_READY = 'report.ready',
  CANDIDATE_UPDATED = 'candidate.updated',
}

export enum WebhookDeliveryStatus {
  PENDING = 'pending',
  DELIVERED = 'delivered',
  FAILED = 'failed',
}

registerEnumType(WebhookEventType, {
  name: 'WebhookEventType',
  description: 'What an outbound webhook endpoint can subscribe to. The payload names it as `type` (`interview.updated`, …).',
  valuesConfig: {
    INTERVIEW_UPDATED: { description: '`interview.updated`: a vendor event changed an interview (status, times, decision); `data.interview`.' },
    REPORT_READY: { description: '`report.ready`: a report arrived, or the vendor added to it (a recording, proctoring); `data.report`.' },
    CANDIDATE_UPDATED: {
      description: '`candidate.updated`: a vendor event brought an interview or account this email did not have; `data.candidate` and `data.interview`.',
    },
  },
});

registerEnumType(WebhookDeliveryStatus, {
  name: 'WebhookDeliveryStatus',
  description: 'Where one event stands with one endpoint.',
  valuesConfig: {
    PENDING: { description: 'Not delivered yet: waiting for its first attempt or its next retry.' },
    DELIVERED: { description: 'The endpoint answered 2xx.' },
    FAILED: { description: 'Retries used up, the endpoint answered 410 Gone, or the endpoint was disabled or deleted. `redeliverWebhook` sends it again.' },
  },
});

@ObjectType('WebhookEndpoint', { simpleResolvers: true, description: "A URL of the tenant's own that receives signed events (Standard Webhooks)." })
export class WebhookEndpointType {
  @Field(() => ID, { description: '`ep_…`.' })
  id!: string;

  @Field({ description: 'Where events are POSTed: https:// outside private and loopback ranges (http:// and local addresses only in sandbox mode).' })
  url!: string;

  @Field(() => String, { nullable: true, description: 'What it is for, as the admin wrote it.' })
  description!: string | null;

  @Field(() => [WebhookEventType], { description: 'The events sent to it.' })
  events!: WebhookEventType[];

  @Field({ description: 'False after it answered 410 Gone or an admin disabled it: nothing is sent until it is enabled again.' })
  enabled!: boolean;

  @Field(() => String, { nullable: true, description: 'Why it is disabled.' })
  disabledReason!: string | null;

  @Field(() => DateTime, {
    nullable: true,
    description: 'Until when the previous secret also signs, after `rotateWebhookSecret`; null: only the current one signs.',
  })
  previousSecretExpiresAt!: string | null;

  @Field(() => DateTime, { description: 'When it was registered: only changes received from then on are sent to it.' })
  createdAt!: string;

  @Field(() => DateTime, { description: 'When an admin last changed it (its secret included).' })
  updatedAt!: string;
}

@ObjectType('WebhookEndpointWithSecret', { simpleResolvers: true, description: 'An endpoint with its signing secret: shown here once, never again.' })
export class WebhookEndpointWithSecret {
  @Field(() => WebhookEndpointType, { description: 'The endpoint.' })
  endpoint!: WebhookEndpointType;

  @Field({
    description: 'The signing secret (`whsec_…`), as Standard Webhooks libraries take it. Store it now: it is not shown again (rotate it if lost).',
  })
  secret!: string;
}

@ObjectType('WebhookDelivery', { simpleResolvers: true, description: 'One event on its way to one endpoint, with its latest attempt.' })
export class WebhookDeliveryType {
  @Field(() => ID, { description: '`dlv_…`: pass it to `redeliverWebhook`.' })
  id!: string;

  @Field({ description: 'The `webhook-id` header: the same on every attempt and for every endpoint; receivers dedupe by it.' })
  eventId!: string;

  @Field(() => WebhookEventType, { description: 'The event (the payload’s `type`).' })
  eventType!: WebhookEventType;

  @Field(() => ID, { description: 'The endpoint it goes to.' })
  endpointId!: string;

  @Field(() => WebhookDeliveryStatus, { description: 'Pending, delivered or failed.' })
  status!: WebhookDeliveryStatus;

  @Field(() => Int, { description: 'Attempts made so far.' })
  attempts!: number;

  @Field(() => DateTime, {
    description: 'When the change happened (the vendor’s time, else when the gateway received it): deliveries about one object leave in this order.',
  })
  changedAt!: string;

  @Field(() => DateTime, { description: 'When the event was put in the outbox for this endpoint.' })
  createdAt!: string;

  @Field(() => DateTime, { nullable: true, description: 'When it is attempted next; null once delivered or failed.' })
  nextAttemptAt!: string | null;

  @Field(() => DateTime, { nullable: true, description: 'When the latest attempt started; null before the first.' })
  lastAttemptAt!: string | null;

  @Field(() => Int, {
    nullable: true,
    description: "The endpoint's HTTP status at the latest attempt; null: no answer (timeout, connection refused, target refused).",
  })
  responseStatus!: number | null;

  @Field(() => Int, { nullable: true, description: 'How long the latest attempt took, in milliseconds.' })
  latencyMs!: number | null;

  @Field(() => String, { nullable: true, description: 'Why the latest attempt failed; null after a 2xx.' })
  error!: string | null;

  @Field(() => String, { nullable: true, description: "The start of the endpoint's answer to the latest attempt (at most 1 KB)." })
  responseBody!: string | null;

  @Field(() => JSONScalar, { description: 'The body sent (before signing): `{ type, timestamp, data }`.' })
  payload!: unknown;
}

export const WebhookDeliveryConnection = createConnectionType(WebhookDeliveryType, 'WebhookDelivery', 'A page of an endpoint’s delivery log, newest first.');
