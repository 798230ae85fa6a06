/** What a tenant's own services can subscribe to; the names on the wire (Standard Webhooks `type`). */
export const OUTBOUND_EVENT_TYPES = ['interview.updated', 'report.ready', 'candidate.updated'] as const;
export type OutboundEventType = (typeof OUTBOUND_EVENT_TYPES)[number];

export interface EndpointSecret {
  /** `whsec_` + base64 of the key bytes, as Standard Webhooks libraries take it. */
  secret: string;
  /** Epoch ms after which it stops signing (a rotated-out secret's grace period); null: the current one. */
  expiresAt: number | null;
}

export interface WebhookEndpoint {
  /** `ep_…`, unique within the tenant. */
  id: string;
  url: string;
  description: string | null;
  events: OutboundEventType[];
  /** The current secret first; a rotated-out one signs too until it expires. */
  secrets: EndpointSecret[];
  /** Epoch ms. */
  createdAt: number;
  updatedAt: number;
}

/** Kept apart from the endpoint so a delivery's result can disable it without rewriting what an admin wrote. */
export interface EndpointState {
  endpoint: WebhookEndpoint;
  /** Null: enabled. */
  disabledReason: string | null;
}

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

export interface DeliveryAttempt {
  /** Epoch ms when it started. */
  at: number;
  /** Null: no answer (timeout, refused connection, refused target). */
  status: number | null;
  latencyMs: number;
  /** Null on a 2xx. */
  error: string | null;
  /** The start of the receiver's answer, for the log. */
  responseBody: string;
}

/** One event on its way to one endpoint. */
export interface OutboundDelivery {
  /** `dlv_…`: per event and endpoint. */
  id: string;
  /** `msg_…`: the `webhook-id` header, the same for every endpoint and every attempt (receivers dedupe by it). */
  eventId: string;
  endpointId: string;
  type: OutboundEventType;
  /** Deliveries with the same key reach an endpoint in `changedAt` order: the object the event is about. */
  orderKey: string;
  /** When the change happened (the vendor's time, else when the gateway received it), epoch ms. */
  changedAt: number;
  createdAt: number;
  /** The JSON body, as rendered when the change was published (recordings past expiry are dropped at send time). */
  payload: string;
  status: DeliveryStatus;
  attempts: number;
  /** Epoch ms; null once delivered or failed. */
  nextAttemptAt: number | null;
  lastAttempt: DeliveryAttempt | null;
}

/** A delivery taken for one attempt: only the holder of `lease` may record its result. */
export interface ClaimedDelivery extends OutboundDelivery {
  lease: string;
}

/** What one attempt ends in. */
export type AttemptVerdict =
  | { outcome: 'delivered' }
  | { outcome: 'retry'; nextAttemptAt: number }
  /** Retries used up, or the endpoint answered 410 (`disable` then says why it is disabled). */
  | { outcome: 'failed'; disable?: string };

export interface DeliveryPage {
  items: OutboundDelivery[];
  /** Pass as `after` for the next page; null: this is the last. */
  endCursor: string | null;
}
