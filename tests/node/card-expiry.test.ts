/** The card-expiry rule's boundaries in node (the same cases run inside workerd: tests/workerd/card-expiry.test.ts). */
import { cardExpiryCases } from "./card-expiry-cases";

cardExpiryCases("card expiry (Luật Căn cước 2023) in node");
