// `npm start`: install if needed, build, serve the examples on 127.0.0.1 and print the demo shop's URL.
import { build, ensureDependencies } from "./ensure.mjs";

ensureDependencies();
build();
const { serve } = await import("./serve.mjs");
const port = Number(process.env.PORT ?? 8080);
const { url } = await serve({ port }).catch(() => serve({ port: 0 }));
console.log(`\nNudge demo shop: ${url}/shop/\nPlayground:      ${url}/playground/\n(Ctrl+C to stop)`);
