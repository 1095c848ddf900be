// Interop driver for tst_interop: the node 'jose' library on the other side of Signet.
//
//   node interop.mjs verify --token T --key FILE [--alg ALG] [--iss S] [--aud S]
//       Verifies T with jose.jwtVerify. FILE is a public JWK, a JWK set ({"keys":[...]}, resolved by
//       kid with createLocalJWKSet) or an HMAC secret JWK. Prints {"valid":true,"header":..,"payload":..}
//       and exits 0, or {"valid":false,"code":..,"error":..} and exits 1.
//   node interop.mjs mint --key FILE --alg ALG [--iss S] [--aud S] [--sub S] [--kid KID] [--ttl SECONDS]
//       Mints a JWT with jose.SignJWT (iss, aud, sub, iat, exp, jti; kid from --kid or the JWK) and
//       prints it. A negative --ttl mints an already expired token.
//
// Exit code 2 and one line on stderr for usage or input errors.

import * as jose from 'jose';
import {randomUUID} from 'node:crypto';
import {readFileSync} from 'node:fs';
import {parseArgs} from 'node:util';

function usage(message)
{
    process.stderr.write(`interop.mjs: ${message}\n`);
    process.exit(2);
}

function readJson(path)
{
    try {
        return JSON.parse(readFileSync(path, 'utf8'));
    } catch (error) {
        usage(`cannot read ${path}: ${error.message}`);
    }
}

async function verify(options)
{
    if (!options.token || !options.key)
        usage('verify needs --token and --key');
    const keyJson = readJson(options.key);
    const verifyOptions = {};
    if (options.iss !== undefined)
        verifyOptions.issuer = options.iss;
    if (options.aud !== undefined)
        verifyOptions.audience = options.aud;
    if (options.alg !== undefined)
        verifyOptions.algorithms = [ options.alg ];
    try {
        let key;
        if (Array.isArray(keyJson.keys)) {
            key = jose.createLocalJWKSet(keyJson);
        } else {
            const alg = options.alg ?? keyJson.alg ?? jose.decodeProtectedHeader(options.token).alg;
            key = await jose.importJWK(keyJson, alg);
        }
        const {payload, protectedHeader} = await jose.jwtVerify(options.token, key, verifyOptions);
        process.stdout.write(JSON.stringify({valid : true, header : protectedHeader, payload}) + '\n');
        return 0;
    } catch (error) {
        process.stdout.write(JSON.stringify({valid : false, code : error.code ?? error.name, error : error.message}) +
                             '\n');
        return 1;
    }
}

async function mint(options)
{
    if (!options.key || !options.alg)
        usage('mint needs --key and --alg');
    const jwk = readJson(options.key);
    let key;
    try {
        key = await jose.importJWK(jwk, options.alg);
    } catch (error) {
        usage(`cannot import ${options.key} for ${options.alg}: ${error.message}`);
    }
    const ttl = options.ttl === undefined ? 600 : Number.parseInt(options.ttl, 10);
    if (!Number.isInteger(ttl))
        usage(`--ttl must be a number of seconds, not '${options.ttl}'`);
    const now = Math.floor(Date.now() / 1000);
    const header = {alg : options.alg, typ : 'JWT'};
    const kid = options.kid ?? jwk.kid;
    if (kid)
        header.kid = kid;
    const builder = new jose.SignJWT({src : 'jose'})
                        .setProtectedHeader(header)
                        .setIssuedAt(ttl < 0 ? now + 2 * ttl : now)
                        .setExpirationTime(now + ttl)
                        .setJti(randomUUID());
    if (options.iss !== undefined)
        builder.setIssuer(options.iss);
    if (options.aud !== undefined)
        builder.setAudience(options.aud);
    if (options.sub !== undefined)
        builder.setSubject(options.sub);
    process.stdout.write((await builder.sign(key)) + '\n');
    return 0;
}

const mode = process.argv[2];
let parsed;
try {
    parsed = parseArgs({
        args : process.argv.slice(3),
        options : {
            token : {type : 'string'},
            key : {type : 'string'},
            alg : {type : 'string'},
            iss : {type : 'string'},
            aud : {type : 'string'},
            sub : {type : 'string'},
            kid : {type : 'string'},
            ttl : {type : 'string'},
        },
        strict : true,
        allowPositionals : false,
    });
} catch (error) {
    usage(error.message);
}
if (mode === 'verify')
    process.exitCode = await verify(parsed.values);
else if (mode === 'mint')
    process.exitCode = await mint(parsed.values);
else
    usage(`the mode is 'verify' or 'mint', not '${mode ?? ''}'`);
