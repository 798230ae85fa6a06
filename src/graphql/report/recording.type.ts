import { Field, ObjectType } from 'type-graphql';
import { RecordingFormat, RecordingKind } from '../../domain/model';
import { DateTime } from '../common/scalars';

@ObjectType({ simpleResolvers: true, description: 'A recording of an interview. Signed URLs are never served from cache past their expiry.' })
export class Recording {
  @Field(() => RecordingKind, { description: 'What it captures.' })
  kind!: RecordingKind;

  @Field(() => RecordingFormat, { description: 'Media format at `url` (HLS needs an HLS-capable player).' })
  format!: RecordingFormat;

  @Field({ description: 'Media URL (often signed and time-limited).' })
  url!: string;

  @Field(() => String, { nullable: true, description: "The vendor's hosted player page, when it has one." })
  playerUrl!: string | null;

  @Field(() => String, { nullable: true, description: 'Which sitting/session this recording belongs to, when the vendor says.' })
  sessionKey!: string | null;

  @Field(() => DateTime, { nullable: true, description: 'When a signed URL stops working, when known.' })
  expiresAt!: string | null;
}
