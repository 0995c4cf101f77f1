/** The card-expiry rule's boundaries inside workerd: the very cases of tests/node/card-expiry.test.ts. */
import { cardExpiryCases } from "../node/card-expiry-cases";

cardExpiryCases("card expiry (Luật Căn cước 2023) in workerd");
