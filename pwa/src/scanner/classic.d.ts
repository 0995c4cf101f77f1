/** The classic worker's URL (scripts/scanner-classic.ts); `null` where there is none (the dev server). */
declare module "virtual:vneid-scanner-classic" {
  const url: string | null;
  export default url;
}
