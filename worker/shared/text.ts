/**
 * The rules of what people write, shared by every resource: texts, slugs,
 * web addresses, and texts in the three languages of the UI and the feeds.
 * The browser runs these too: written with what zod/mini has (see ./zod.ts).
 */
import { documented, z } from './zod';

export const Slug = documented(z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{0,59}$/, 'must be a slug: lower-case letters, digits and hyphens')), { example: 'kulttuurihyvinvointi' });
export type Slug = z.infer<typeof Slug>;

// C0 controls other than tab and line breaks, DEL, and halves of a UTF-16 pair without their other half.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
// Line breaks other than CR and LF that some reader breaks lines at (vdirsyncer, Python's splitlines, JavaScript's
// line terminators): NEXT LINE, LINE SEPARATOR, PARAGRAPH SEPARATOR. Written raw into a feed they split a property.
const LINE_SEPARATOR = /[\u0085\u2028\u2029]/;

/**
 * Text of people: trimmed, at most `max` characters, no control characters,
 * broken characters or line breaks other than CR and LF; a single line
 * unless `lines` is 'multi' (descriptions).
 */
export const text = (max: number, lines: 'single' | 'multi' = 'single') =>
  z.string().check(
    z.trim(),
    z.maxLength(max, `must be at most ${max} characters`),
    z.refine((value) => !CONTROL.test(value) && !LONE_SURROGATE.test(value), { message: 'must not contain control characters or broken (unpaired surrogate) characters', params: { rule: 'characters' } }),
    z.refine((value) => !LINE_SEPARATOR.test(value), {
      message: 'must not contain U+2028 LINE SEPARATOR, U+2029 PARAGRAPH SEPARATOR or U+0085 NEXT LINE: calendar programs break lines there; use an ordinary line break',
      params: { rule: 'line-separator' },
    }),
    z.refine((value) => lines === 'multi' || !/[\r\n]/.test(value), { message: 'must be a single line', params: { rule: 'single-line' } }),
  );

/** `text()` that may be left out or null. */
export const optionalText = (max: number, lines: 'single' | 'multi' = 'single') => z.nullish(text(max, lines));

/** `text()` that must not be empty. */
export const requiredText = (max: number) => text(max).check(z.minLength(1, 'is required'));

export const HttpUrl = documented(
  z.string().check(
    z.trim(),
    z.maxLength(2000, 'must be at most 2000 characters'),
    // The URL parser drops line breaks and tabs silently; the stored text would keep them, and feeds and headers carry it.
    z.refine((value) => !/[\s\u0000-\u001f\u007f]/.test(value), { message: 'must not contain spaces, line breaks or control characters', params: { rule: 'url-characters' } }),
    z.refine((value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol), 'must be an http or https URL'),
  ),
  { format: 'uri', example: 'https://pohde.fi' },
);
export type HttpUrl = z.infer<typeof HttpUrl>;

/** A stored text in the three languages: Finnish always, Swedish and English null where there is none. */
export const Localized = z.object({ fi: z.string(), sv: z.nullable(z.string()), en: z.nullable(z.string()) });
export type Localized = z.infer<typeof Localized>;

export const LocalizedTitle = documented(z.strictObject({ fi: requiredText(200), sv: optionalText(200), en: optionalText(200) }), 'LocalizedTitle', {
  description: 'Finnish is required; Swedish and English are optional',
});
export type LocalizedTitle = z.infer<typeof LocalizedTitle>;

/** A short name for the wheel, where the full one does not fit: in any of the languages, none required. */
export const LocalizedShortTitle = documented(z.strictObject({ fi: optionalText(60), sv: optionalText(60), en: optionalText(60) }), 'LocalizedShortTitle', {
  description: 'Short names (at most 60 characters) written on the wheel where the title does not fit its arc',
});
export type LocalizedShortTitle = z.infer<typeof LocalizedShortTitle>;

export const LocalizedDescription = documented(z.strictObject({ fi: optionalText(20000, 'multi'), sv: optionalText(20000, 'multi'), en: optionalText(20000, 'multi') }), 'LocalizedDescription');
export type LocalizedDescription = z.infer<typeof LocalizedDescription>;

/** A query parameter that names slugs: given once or repeated. */
export const repeatable = (description: string) =>
  documented(z.optional(z.union([Slug, z.array(Slug).check(z.maxLength(30, 'may be repeated at most 30 times'))])), {
    description: `${description}; repeat the parameter for several (any of them matches)`,
  });
