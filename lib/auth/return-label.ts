import { navigation } from './roles';

/**
 * What the sign-in page calls the page a person returns to: the navigation's name for the
 * section ("Customers"), never the raw path with its ids and query. Null for the start page
 * or a path outside the navigation (the page then says nothing about it).
 */
export function returnPageLabel(path: string): string | null {
  const pathname = path.split(/[?#]/)[0] ?? '';
  const section = navigation.find(
    (item) => pathname === item.href || pathname.startsWith(`${item.href}/`),
  );
  return section?.label ?? null;
}
