/**
 * `npm run seal:key [-- <kid>]`: prints a new sealing key for offline intake, a P-256 ECDH private JWK with its
 * `kid`, as one line of JSON. Set it with `npx wrangler secret put INTAKE_SEAL_KEY --env production` (paste the
 * line). To rotate, put `[newKey, oldKey]` (a JSON array, newest first): records sealed to the old kid still open.
 */
import { generateSealKey } from "../shared/seal";

const kid = process.argv[2] ?? `seal-${new Date().toISOString().slice(0, 10)}`;
process.stdout.write(`${JSON.stringify(await generateSealKey(kid))}\n`);
