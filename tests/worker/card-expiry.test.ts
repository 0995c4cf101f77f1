/** The card-expiry rule's boundaries inside workerd: the very cases of tests/shared/card-expiry.test.ts. */
import { cardExpiryCases } from "../shared/card-expiry-cases";

cardExpiryCases("card expiry (Luật Căn cước 2023) in workerd");
