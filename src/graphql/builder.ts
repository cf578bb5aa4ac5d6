import SchemaBuilder from '@pothos/core';
import type { GraphQLContext } from './context.js';

export type Scalars = {
  DateTime: { Input: string; Output: string };
  Date: { Input: string; Output: string };
  Money: { Input: number; Output: number };
  JSON: { Input: unknown; Output: unknown };
};

// Halo omits fields freely between builds, list vs detail and permissions, so output fields are
// nullable unless a field says otherwise.
export const builder = new SchemaBuilder<{
  Context: GraphQLContext;
  Scalars: Scalars;
  DefaultFieldNullability: true;
}>({});

builder.queryType({ description: 'Read-only access to Halo PSA. There are no mutations.' });
