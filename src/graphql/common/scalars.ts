export { GraphQLISODateTime as DateTime } from 'type-graphql';
export { GraphQLJSON as JSON } from 'graphql-scalars';
