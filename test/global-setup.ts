// Runs once before the whole suite. Database tests create their own databases (see test/helpers/db.ts).
export default function setup(): void {}
