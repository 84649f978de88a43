import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // PGlite ships WASM + data files it loads from its own package folder; pino and xero-node
  // load optional modules dynamically. Bundling any of them breaks them, so Node requires them.
  serverExternalPackages: ["@electric-sql/pglite", "pino", "xero-node", "pg", "@neondatabase/serverless", "ws", "bcryptjs", "nodemailer"],
  poweredByHeader: false,
  experimental: {
    // A CSV import is 10 MB plus its multipart envelope (lib/http/body-limits.ts); Next's default
    // 10 MB copy for the proxy would cut the largest allowed file short.
    proxyClientMaxBodySize: "11mb",
  },
};

export default nextConfig;
