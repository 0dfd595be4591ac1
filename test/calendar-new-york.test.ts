/** The calendar tests again with the process in America/New_York: no output may depend on the server's zone. */
process.env.TZ = 'America/New_York';
// eslint-disable-next-line @typescript-eslint/no-require-imports
require('./calendar.test');
