// What a build of Keel is made from: `npm start` rebuilds when any of these is newer than the build, and
// the browser tests key their build by them.
export const BUILD_SOURCES = ['server', 'domain', 'db', 'web', 'scripts', 'package.json', 'vite.config.ts']
