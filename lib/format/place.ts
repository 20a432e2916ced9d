/**
 * Partner Center's codes as people read them: languages ("en", "en-US") and countries ("US")
 * by their English names, with the code kept beside a language (a reader may know only one).
 */
const languages = new Intl.DisplayNames(['en'], {
  type: 'language',
  fallback: 'none',
  languageDisplay: 'standard',
});
const regions = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });

/** "English (en-US)"; the code alone when it names no language Node's ICU knows. */
export function languageName(code: string): string {
  try {
    const name = languages.of(code);
    return name ? `${name} (${code})` : code;
  } catch {
    return code; // not a language tag at all
  }
}

/**
 * "United States" for "US" ("United States (US)" `withCode`, where the code is what Partner
 * Center and Entra store, e.g. a usage location); anything else (a name already, an unknown
 * code) as given.
 */
export function countryName(country: string, { withCode = false } = {}): string {
  if (!/^[A-Za-z]{2}$/.test(country)) return country;
  let name: string | undefined;
  try {
    name = regions.of(country.toUpperCase());
  } catch {
    name = undefined;
  }
  if (!name) return country;
  return withCode ? `${name} (${country})` : name;
}

/** Where the postal code goes in the line with the city, by country (the default: before it). */
const cityFirst = new Set(['US', 'CA', 'AU']);

export interface PostalAddress {
  lines: string[];
  city: string | null;
  state: string | null;
  postalCode: string | null;
  country: string | null;
}

/**
 * An address as its country writes it, line by line: in the United States, Canada and
 * Australia "Redmond, WA 98052"; in Britain the postcode on a line of its own; elsewhere
 * "10115 Berlin", with a state or province after it. The country last, by name.
 */
export function addressLines(address: PostalAddress): string[] {
  const { city, state, postalCode } = address;
  const country = address.country?.toUpperCase() ?? '';
  const joined = (...parts: Array<string | null>) => parts.filter(Boolean).join(' ');
  let local: Array<string | null>;
  if (cityFirst.has(country))
    local = [joined(city && state ? `${city},` : city, state, postalCode)];
  else if (country === 'GB') local = [city, state, postalCode];
  else local = [joined(postalCode, city) + (state ? `, ${state}` : '')];
  return [...address.lines, ...local, address.country ? countryName(address.country) : null].filter(
    (line): line is string => Boolean(line?.trim()),
  );
}
