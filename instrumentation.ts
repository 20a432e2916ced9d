/**
 * Next's start-up hook: runs once when the server starts. Everything lives in
 * instrumentation-node.ts, imported only in the Node.js runtime (the edge bundle stays free
 * of process.exit, the OpenTelemetry SDK and the Azure SDKs).
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { registerNodeServer } = await import('./instrumentation-node');
    await registerNodeServer();
  }
}
