import { z } from 'zod';

/** https always; plain http only where the portal runs on the local profile (test receivers on loopback). */
export const webUrl = (allowHttp: boolean) =>
  z
    .url({
      protocol: allowHttp ? /^https?$/ : /^https$/,
      error: allowHttp ? 'must be an http(s) URL' : 'must be an https URL',
    })
    .max(2048);

const address = z.email({ error: 'must be an e-mail address' }).max(254);

/** What a target sends to. Every field here is treated as secret and stored sealed. */
export function destinationSchema(allowHttp: boolean) {
  return z.discriminatedUnion('kind', [
    z.object({
      kind: z.literal('webhook'),
      url: webUrl(allowHttp),
      signingSecret: z.string().min(32),
    }),
    z.object({ kind: z.literal('teams'), url: webUrl(allowHttp) }),
    z.object({ kind: z.literal('slack'), url: webUrl(allowHttp) }),
    z.object({
      kind: z.literal('email'),
      host: z
        .string()
        .min(1)
        .max(253)
        .regex(/^[A-Za-z0-9.-]+$|^\[[0-9a-fA-F:.]+\]$/, 'must be a host name'),
      port: z.coerce.number().int().min(1).max(65535),
      /** `tls`: implicit TLS (465); `starttls`: upgrade required; `none`: only for a local sink. */
      security: z.enum(['tls', 'starttls', 'none']),
      username: z.string().max(256).optional(),
      password: z.string().max(512).optional(),
      from: address,
      to: z.array(address).min(1).max(20),
    }),
  ]);
}
export type Destination = z.infer<ReturnType<typeof destinationSchema>>;

/** Secret-free words for the page: the web host, or the recipients and mail server. */
export function destinationHint(d: Destination): string {
  if (d.kind === 'email') return `${d.to.join(', ')} via ${d.host}:${d.port}`;
  return new URL(d.url).host;
}
