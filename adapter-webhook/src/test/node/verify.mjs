// Verifies one delivery with the npm standardwebhooks package, independently of our Java signer.
// Reads {"secret", "headers", "body"} as JSON on stdin; prints "verified" or the library's error, exit 0/1.
import { Webhook } from "standardwebhooks";

let input = "";
for await (const chunk of process.stdin) input += chunk;
const { secret, headers, body } = JSON.parse(input);
try {
  new Webhook(secret).verify(body, headers);
  console.log("verified");
} catch (e) {
  console.log(`refused: ${e.message}`);
  process.exit(1);
}
