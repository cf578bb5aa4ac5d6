import { AGE_BUCKETS, type AgeBucket } from '../../analytics/common.js';
import type { HoursAndValue } from '../../analytics/unbilled-time.js';
import { builder } from '../builder.js';

// The analytics results are plain objects whose keys are already the GraphQL field names, so each
// type is declared as a table of (type, nullability, description) and every field exposes its key.

type Scalar = 'String' | 'Int' | 'Float' | 'Boolean' | 'Money' | 'Date' | 'DateTime';
function refOf<T>(name: string) {
  return builder.objectRef<T>(name);
}
export type Ref<T> = ReturnType<typeof refOf<T>>;
/** A scalar name, or an object or enum ref of the schema. */
type Output = Scalar | object;

export interface FieldSpec {
  type: Output | [Output];
  description: string;
  /** Default false: analytics figures are always present unless a field says otherwise. */
  nullable?: boolean;
}

/** An object type whose fields expose the same-named keys of the parent. */
export function plainObject<T extends object>(
  name: string,
  description: string,
  fields: { [K in keyof T & string]?: FieldSpec },
): Ref<T> {
  const ref = refOf<T>(name);
  ref.implement({
    description,
    fields: (t) =>
      Object.fromEntries(
        Object.entries(fields as Record<string, FieldSpec>).map(([key, spec]) => [
          key,
          t.field({
            type: spec.type as never,
            nullable: (spec.nullable ?? false) as never,
            description: spec.description,
            resolve: (parent) => (parent as Record<string, unknown>)[key] as never,
          }),
        ]),
      ),
  });
  return ref;
}

export const req = (type: FieldSpec['type'], description: string): FieldSpec => ({ type, description });
export const opt = (type: FieldSpec['type'], description: string): FieldSpec => ({
  type,
  description,
  nullable: true,
});

export const PeriodRef = plainObject<{ from: string; to: string }>(
  'AnalyticsPeriod',
  'A period, both days included.',
  {
    from: req('Date', 'First day.'),
    to: req('Date', 'Last day.'),
  },
);

export const HoursValueRef = plainObject<HoursAndValue>('HoursAndValue', 'Hours and their known value.', {
  hours: req('Float', 'Hours (2 decimals).'),
  value: req('Money', 'Value of the hours whose value is known.'),
});

const AGE_LABELS: Record<AgeBucket, string> = {
  days0To30: '0-30 days old.',
  days31To60: '31-60 days old.',
  days61To90: '61-90 days old.',
  over90: 'Over 90 days old.',
};

export const AgeBucketsRef = plainObject<Record<AgeBucket, HoursAndValue>>(
  'UnbilledAgeBuckets',
  'Unbilled time by age (days from the entry date to today).',
  Object.fromEntries(AGE_BUCKETS.map((b) => [b, req(HoursValueRef, AGE_LABELS[b])])),
);
