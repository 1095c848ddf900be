// The JWT verification Stack Auth documents for Node ("Backend Integration", Using JWT), run against a
// Signet server: jose's createRemoteJWKSet on the project's JWKS URL, then jwtVerify. Stack Auth's
// access tokens are ES256 with the project id as audience; the audience (and optionally the issuer
// and algorithm) are checked here as well.
//
//   node stack-auth.mjs --jwks-url URL --audience AUD [--issuer ISS] [--alg ALG]
//
// Reads one token per line on stdin, for as long as stdin stays open, and prints one verdict per line
// in the same order: {"valid":true,"header":..,"payload":..} or {"valid":false,"code":..,"error":..}.
// One remote JWK set serves every line (the documentation's "you can cache this").
// Exit code 2 and one line on stderr for usage errors.

import * as jose from 'jose';
import {createInterface} from 'node:readline';
import {parseArgs} from 'node:util';

function usage(message)
{
    process.stderr.write(`stack-auth.mjs: ${message}\n`);
    process.exit(2);
}

let options;
try {
    options = parseArgs({
                  options : {
                      'jwks-url' : {type : 'string'},
                      audience : {type : 'string'},
                      issuer : {type : 'string'},
                      alg : {type : 'string'},
                  },
                  strict : true,
                  allowPositionals : false,
              }).values;
} catch (error) {
    usage(error.message);
}
if (!options['jwks-url'] || !options.audience)
    usage('needs --jwks-url and --audience');

// you can cache this and refresh it with a low frequency
const jwks = jose.createRemoteJWKSet(new URL(options['jwks-url']));

const verifyOptions = {audience : options.audience};
if (options.issuer !== undefined)
    verifyOptions.issuer = options.issuer;
if (options.alg !== undefined)
    verifyOptions.algorithms = [ options.alg ];

const lines = createInterface({input : process.stdin, crlfDelay : Infinity});
for await (const line of lines) {
    const accessToken = line.trim();
    if (!accessToken)
        continue;
    let verdict;
    try {
        const {payload, protectedHeader} = await jose.jwtVerify(accessToken, jwks, verifyOptions);
        verdict = {valid : true, header : protectedHeader, payload};
    } catch (error) {
        verdict = {valid : false, code : error.code ?? error.name, error : error.message};
    }
    process.stdout.write(JSON.stringify(verdict) + '\n');
}
// Done when stdin ends. A failed JWKS fetch leaves its unread response holding a keep-alive socket
// open, which would keep node running for as long as the server keeps the connection.
process.exit(0);
