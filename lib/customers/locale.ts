const localeTag = /^[a-z]{2,3}(-[a-z0-9]{2,8}){0,2}$/i;

/** First language of an `Accept-Language` header as Partner Center's `X-Locale`, default `en-US`. */
export function localeFrom(acceptLanguage: string | null): string {
  const first = acceptLanguage?.split(',')[0]?.split(';')[0]?.trim() ?? '';
  return localeTag.test(first) ? first : 'en-US';
}
