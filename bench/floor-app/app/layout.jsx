/**
 * The floor app's root layout: a document and nothing else (no header, no session, no CSS).
 * Plain JavaScript on purpose: a TypeScript app would make Next write a tsconfig.json and a
 * next-env.d.ts into this folder at every build.
 */
export default function RootLayout({ children }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
