/**
 * Partner Center's codes as people read them: languages ("en", "en-US") and countries ("US")
 * by their English names, with the code kept beside a language (a reader may know only one).
 */
const languages = new Intl.DisplayNames(['en'], {
  type: 'language',
  fallback: 'none',
  languageDisplay: 'dialect',
});
const regions = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });

/** "American English (en-US)"; the code alone when it names no language Node's ICU knows. */
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
  const code = country.toUpperCase();
  const name = regionName(code);
  if (!name) return country;
  return withCode ? `${name} (${code})` : name;
}

/**
 * A region's English name, looked up once per code (at most 26 × 26 of them): `Intl.DisplayNames`
 * showed in a users page's profile, once for each row's usage location. ZZ is CLDR's own
 * "Unknown Region", no better than the code: null, as for a code ICU does not know.
 */
const regionNames = new Map<string, string | null>();
function regionName(code: string): string | null {
  let name = regionNames.get(code);
  if (name === undefined) {
    try {
      name = code === 'ZZ' ? null : (regions.of(code) ?? null);
    } catch {
      name = null;
    }
    regionNames.set(code, name);
  }
  return name;
}

/** Countries that write the city, then the state or province, then the postal code. */
const cityFirst = new Set(['US', 'CA', 'AU']);

export interface PostalAddress {
  lines: string[];
  city: string | null;
  state: string | null;
  postalCode: string | null;
  country: string | null;
}

/**
 * An address line by line, its city line in the order of the countries Partner Center's
 * partners meet most: in the United States "Redmond, WA 98052", in Canada and Australia
 * "Toronto ON M5V 3L9" (their posts write no comma); in Britain the postcode on a line of its
 * own; elsewhere the common European order, "10117 Berlin", with a state or province after it.
 * Countries that write largest part first (Japan, China) get that default too. The country
 * last, by name.
 */
export function addressLines(address: PostalAddress): string[] {
  const { city, state, postalCode } = address;
  const country = address.country?.toUpperCase() ?? '';
  const joined = (...parts: Array<string | null>) => parts.filter(Boolean).join(' ');
  let local: Array<string | null>;
  if (cityFirst.has(country))
    local = [joined(country === 'US' && city && state ? `${city},` : city, state, postalCode)];
  else if (country === 'GB') local = [city, state, postalCode];
  else local = [[joined(postalCode, city), state].filter(Boolean).join(', ')];
  return [...address.lines, ...local, address.country ? countryName(address.country) : null].filter(
    (line): line is string => Boolean(line?.trim()),
  );
}
