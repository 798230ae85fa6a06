// Decorators below read design-time types: the metadata polyfill must be loaded first.
import 'reflect-metadata';
import { Field, InputType } from 'type-graphql';

@InputType({ description: 'One key/value pair.' })
export class KeyValueInput {
  @Field({ description: 'Key.' })
  key!: string;

  @Field({ description: 'Value.' })
  value!: string;
}
