/**
 * Word lists for customer companies. The first names are Microsoft's well-known fictitious
 * companies so demos look familiar; the rest are combined from the lists below.
 */

/** Customers of the first partner tenant, in seed order (before sorting by name). */
export const firstTenantCompanies: readonly string[] = [
  'Northwind Traders', 'Tailspin Toys', 'Wide World Importers', 'Alpine Ski House', 'Coho Winery',
  'Woodgrove Bank', 'Adventure Works Cycles', 'Fourth Coffee', 'Blue Yonder Airlines', 'Litware Inc.',
  'Lucerne Publishing', "Margie's Travel", 'Proseware Inc.', 'Southridge Video', 'Trey Research',
  'VanArsdel Ltd.', 'Wingtip Toys', 'Relecloud', 'Humongous Insurance', 'A. Datum Corporation',
  'Consolidated Messenger', 'Graphic Design Institute', 'City Power & Light', 'Contoso Pharmaceuticals',
];

/** Customers of the second partner tenant: none shared with the first (isolation tests). */
export const secondTenantCompanies: readonly string[] = [
  'Bellows College', 'Best For You Organics', 'First Up Consultants', 'Munson\'s Pickles and Preserves',
  'Nod Publishers', 'School of Fine Art', 'The Phone Company', 'Olympia Fitness',
];

export const companyPrefixes: readonly string[] = [
  'Alder', 'Amber', 'Apex', 'Aspen', 'Atlas', 'Aurora', 'Bayside', 'Beacon', 'Birch', 'Blue Ridge',
  'Boulder', 'Bright', 'Cascade', 'Cedar', 'Cobalt', 'Compass', 'Copper', 'Crescent', 'Crystal',
  'Delta', 'Eastgate', 'Ember', 'Evergreen', 'Falcon', 'Fjord', 'Foxglove', 'Frontier', 'Garnet',
  'Golden', 'Granite', 'Harbor', 'Hawthorn', 'Highland', 'Horizon', 'Indigo', 'Iron', 'Juniper',
  'Keystone', 'Lakeside', 'Lantern', 'Laurel', 'Lighthouse', 'Maple', 'Meadow', 'Meridian', 'Millstone',
  'Northstar', 'Oakridge', 'Obsidian', 'Orchard', 'Pacific', 'Pinnacle', 'Prairie', 'Quarry', 'Raven',
  'Redwood', 'Riverbend', 'Sapphire', 'Sierra', 'Silverline', 'Skyline', 'Sterling', 'Summit', 'Sunrise',
  'Thistle', 'Timber', 'Trident', 'Twin Peaks', 'Valley', 'Vantage', 'Westwind', 'Willow', 'Zenith',
];

export const companyCores: readonly string[] = [
  'Analytics', 'Architects', 'Bakery', 'Biotech', 'Brewing', 'Builders', 'Capital', 'Clinic',
  'Consulting', 'Dental', 'Design', 'Electric', 'Energy', 'Engineering', 'Farms', 'Foods', 'Freight',
  'Furniture', 'Health', 'Hotels', 'Imports', 'Insurance', 'Labs', 'Landscaping', 'Law Group',
  'Logistics', 'Manufacturing', 'Marine', 'Media', 'Medical', 'Motors', 'Outfitters', 'Pharmacy',
  'Plumbing', 'Printing', 'Properties', 'Realty', 'Recycling', 'Robotics', 'Software', 'Solar',
  'Studios', 'Systems', 'Telecom', 'Textiles', 'Tours', 'Traders', 'Transport', 'Ventures', 'Wellness',
];

export const companySuffixes: readonly string[] = [
  '', '', '', 'Inc.', 'Ltd.', 'LLC', 'Group', 'Co.', 'GmbH', 'Partners', '& Sons', 'Holdings',
];

export const firstNames: readonly string[] = [
  'Aaron', 'Abigail', 'Adele', 'Ahmed', 'Aiko', 'Alan', 'Alejandro', 'Amara', 'Amelia', 'Ana', 'Andre',
  'Anika', 'Arjun', 'Beatriz', 'Ben', 'Bianca', 'Brandon', 'Camila', 'Carlos', 'Chen', 'Chloe', 'Daniel',
  'Diego', 'Elena', 'Emma', 'Ethan', 'Fatima', 'Felix', 'Grace', 'Hannah', 'Hiro', 'Ian', 'Isabel',
  'Ivan', 'Jamal', 'Jana', 'Javier', 'Jonas', 'Julia', 'Kai', 'Karin', 'Kofi', 'Laura', 'Leila', 'Liam',
  'Lucas', 'Maria', 'Mateo', 'Mei', 'Mia', 'Nadia', 'Noah', 'Olivia', 'Omar', 'Priya', 'Rafael', 'Rosa',
  'Sara', 'Sofia', 'Tariq', 'Tom', 'Vera', 'Wei', 'Yara', 'Yusuf', 'Zoe',
];

export const lastNames: readonly string[] = [
  'Abbott', 'Adams', 'Alvarez', 'Bauer', 'Becker', 'Brown', 'Castro', 'Chen', 'Clark', 'Costa', 'Diaz',
  'Dubois', 'Evans', 'Fischer', 'Garcia', 'Gomez', 'Green', 'Hall', 'Hansen', 'Ito', 'Jensen', 'Johnson',
  'Kim', 'Klein', 'Kowalski', 'Kumar', 'Larsen', 'Lee', 'Lopez', 'Martin', 'Meyer', 'Moreau', 'Muller',
  'Nakamura', 'Nguyen', 'Novak', 'Okafor', 'Olsen', 'Patel', 'Perez', 'Rossi', 'Santos', 'Schmidt',
  'Silva', 'Singh', 'Smith', 'Suzuki', 'Tanaka', 'Taylor', 'Torres', 'Wagner', 'Walker', 'Wang',
  'Weber', 'Williams', 'Wilson', 'Yamamoto', 'Young', 'Zhang', 'Zimmermann',
];

/** Lower-case letters and digits only: the label used in domains. */
export function domainLabel(companyName: string): string {
  return companyName
    .toLowerCase()
    .replace(/&/g, 'and')
    .replace(/[^a-z0-9]/g, '');
}
