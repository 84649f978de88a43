import { createRequire } from "node:module";
import path from "node:path";

interface AxiosConfig {
  method?: string;
  url?: string;
}
interface XeroAxios {
  interceptors: { response: { use(ok: (r: { config: AxiosConfig }) => unknown, fail: (e: { config?: AxiosConfig }) => unknown): number; eject(id: number): void } };
}

/** The axios copy xero-node calls (as lib/xero/create-xero-node-client.ts finds it), so the hold sits under the real SDK. */
function xeroAxios(): XeroAxios {
  const fromApp = createRequire(path.join(process.cwd(), "package.json"));
  return createRequire(fromApp.resolve("xero-node"))("axios") as XeroAxios;
}

/**
 * Holds the app's next Xero request matching `method` and `path` after Xero has dealt with it (answered,
 * or committed and dropped the connection), before the app sees the outcome: the worker that sent it
 * stands still, as one whose process stalled or died would. `held` resolves once it stands; `release()`
 * lets it carry on (a worker that outlived its lease). Everything else passes untouched.
 */
export function holdXeroAnswer(match: { method: "GET" | "POST" | "PUT"; path: RegExp }) {
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  let standing!: () => void;
  const held = new Promise<void>((r) => (standing = r));
  let fired = false;
  const catches = (config?: AxiosConfig) => {
    if (fired || config?.method?.toUpperCase() !== match.method || !config.url) return false;
    return (fired = match.path.test(new URL(config.url).pathname));
  };
  const axios = xeroAxios();
  const id = axios.interceptors.response.use(
    async (response) => {
      if (catches(response.config)) {
        standing();
        await released;
      }
      return response;
    },
    async (error) => {
      if (catches(error.config)) {
        standing();
        await released;
      }
      throw error;
    },
  );
  return {
    held,
    release: () => {
      axios.interceptors.response.eject(id);
      release();
    },
  };
}
