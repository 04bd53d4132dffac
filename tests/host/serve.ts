/** `npm run host`: the test host on 127.0.0.1:$PORT (default 5174). */
import { startHost } from './server';

const port = Number(process.env.PORT ?? 5174);
startHost({ port, log: (line) => console.log(line) })
  .then((host) => {
    console.log(`Prospect Desk test host: ${host.url}  (exports: ${host.exportDir})`);
    const stop = () => void host.close().then(() => process.exit(0));
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  })
  .catch((err) => {
    console.error(`Could not start the test host: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
