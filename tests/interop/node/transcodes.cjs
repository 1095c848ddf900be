// The token verification Transcodes documents ("Step 6: Server-Side Integration"), run against a
// Signet server: jsonwebtoken with a cached jwks-rsa client, RS256, and the issuer checked.
//
//   node transcodes.cjs --jwks-uri URL --issuer ISS
//
// Reads one token per line on stdin, for as long as stdin stays open, and prints one verdict per line
// in the same order: {"valid":true,"header":..,"payload":..} or {"valid":false,"code":..,"error":..}.
// One client serves every line, so its cache lives as long as the process (a backend's lifetime).
// Exit code 2 and one line on stderr for usage errors.
//
// Two changes to the documented snippet, both outside what is under test: the URL and issuer come
// from the command line, and getKey passes jwks-rsa's error on. The documented getKey calls
// key.getPublicKey() on an undefined key when the kid is unknown, a TypeError thrown from a callback
// that kills the process instead of refusing the token.

const jwt = require('jsonwebtoken');
const jwksClient = require('jwks-rsa');
const readline = require('node:readline');
const {parseArgs} = require('node:util');

function usage(message)
{
    process.stderr.write(`transcodes.cjs: ${message}\n`);
    process.exit(2);
}

let options;
try {
    options = parseArgs({
                  options : {'jwks-uri' : {type : 'string'}, issuer : {type : 'string'}},
                  strict : true,
                  allowPositionals : false,
              }).values;
} catch (error) {
    usage(error.message);
}
if (!options['jwks-uri'] || !options.issuer)
    usage('needs --jwks-uri and --issuer');

// As documented, with the server's URL.
const client = jwksClient({
    jwksUri : options['jwks-uri'],
    cache : true,
    cacheMaxAge : 86400000, // 24 hours
});

function getKey(header, callback)
{
    client.getSigningKey(header.kid, (err, key) => {
        if (err)
            return callback(err);
        const signingKey = key.getPublicKey();
        callback(null, signingKey);
    });
}

async function verifyToken(token)
{
    return new Promise((resolve, reject) => {
        jwt.verify(token, getKey, {algorithms : [ 'RS256' ], issuer : options.issuer}, (err, decoded) => {
            if (err)
                reject(err);
            else
                resolve(decoded);
        });
    });
}

async function main()
{
    const lines = readline.createInterface({input : process.stdin, crlfDelay : Infinity});
    for await (const line of lines) {
        const token = line.trim();
        if (!token)
            continue;
        let verdict;
        try {
            const payload = await verifyToken(token);
            verdict = {valid : true, header : jwt.decode(token, {complete : true}).header, payload};
        } catch (error) {
            verdict = {valid : false, code : error.name, error : error.message};
        }
        process.stdout.write(JSON.stringify(verdict) + '\n');
    }
}

// Done when stdin ends, whatever sockets the JWKS client still holds.
main().then(() => process.exit(0));
