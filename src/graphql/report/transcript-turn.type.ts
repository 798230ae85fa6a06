import { Field, Int, ObjectType } from 'type-graphql';
import { Speaker, TurnMode } from '../../domain/model';
import { DateTime } from '../common/scalars';

@ObjectType({ simpleResolvers: true, description: 'One turn of an interview conversation. Time is given as the vendor gives it, never guessed.' })
export class TranscriptTurn {
  @Field(() => Int, { description: 'Position in the conversation, from 0.' })
  sequence!: number;

  @Field(() => Speaker, { description: 'Who spoke.' })
  speaker!: Speaker;

  @Field(() => String, { nullable: true, description: "The vendor's word for the speaker." })
  speakerRaw!: string | null;

  @Field({ description: 'What was said or typed.' })
  text!: string;

  @Field(() => TurnMode, { description: 'Spoken, code, or typed text.' })
  mode!: TurnMode;

  @Field(() => String, {
    nullable: true,
    description: "The vendor's word for the mode, when it gives one (null when the mode follows from the channel: voice, SMS).",
  })
  modeRaw!: string | null;

  @Field(() => Int, { nullable: true, description: 'Milliseconds from the interview start, when the vendor gives an offset.' })
  offsetMs!: number | null;

  @Field(() => DateTime, { nullable: true, description: 'Absolute time of the turn, when the vendor gives one.' })
  at!: string | null;
}
