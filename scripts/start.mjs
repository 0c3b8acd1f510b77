// `npm start`: builds everything and serves the demo sites on 127.0.0.1 (PORT, default 8080).
import { build } from './build.mjs';
import { startServer } from './serve.mjs';

build();
const port = Number(process.env.PORT || process.argv[2] || 8080);
const server = await startServer({ port });
console.log(`\ncrumbs is running. Open the demo site: ${server.url}sites/charity/`);
console.log(`All demo sites: ${server.url}   (Ctrl+C to stop)`);
