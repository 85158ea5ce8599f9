/** Reference data: areas, municipalities, event types, networks, audiences and organisations, each with names in three languages. */
import { z } from './zod';
import { Localized, Slug } from './text';

export const TaxonomyTerm = z
  .object({ slug: Slug, name: Localized })
  .openapi('TaxonomyTerm');
export type TaxonomyTerm = z.infer<typeof TaxonomyTerm>;

export const Taxonomy = z
  .object({
    areas: z.array(TaxonomyTerm),
    municipalities: z.array(TaxonomyTerm.extend({ code: z.string(), area: Slug })),
    eventTypes: z.array(TaxonomyTerm),
    networks: z.array(TaxonomyTerm),
    audiences: z.array(TaxonomyTerm),
    organisations: z.array(TaxonomyTerm.extend({ kind: z.string(), municipality: Slug.nullable(), website: z.string().nullable() })),
  })
  .openapi('Taxonomy');
export type Taxonomy = z.infer<typeof Taxonomy>;
