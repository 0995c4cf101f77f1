import { accountRoutes, recoveryRoutes } from "./account";
import { activationRoutes } from "./activation";
import { appointmentRoutes } from "./appointments";
import { authRoutes } from "./auth";
import { benchRoutes } from "./bench";
import type { Route } from "./define";
import { devRoutes } from "./dev";
import { eventRoutes } from "./events";
import { identityRoutes } from "./identity";
import { level1Routes } from "./level1";
import { meRoutes } from "./me";
import { officerRoutes } from "./officer";
import { registrationRoutes } from "./registration";
import { systemRoutes } from "./system";
import { trackingRoutes } from "./tracking";

/** Every route of the API, as the router registers them and the OpenAPI document lists them. */
export const ROUTES: readonly Route[] = [
  ...systemRoutes,
  ...activationRoutes,
  ...registrationRoutes,
  ...authRoutes,
  ...meRoutes,
  ...level1Routes,
  ...officerRoutes,
  ...eventRoutes,
  ...trackingRoutes,
  ...identityRoutes,
  ...appointmentRoutes,
  ...recoveryRoutes,
  ...accountRoutes,
  ...devRoutes,
  ...benchRoutes,
];
