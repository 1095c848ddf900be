// VideoSDK's documented token code (jsonwebtoken, HS256, the dashboard's secret passed as a string) on
// the other side of Signet, for an API key imported with 'signet-cli apikey import'.
//
//   node videosdk.cjs sign --apikey ID --secret-file FILE
//       Prints a token made as VideoSDK's "Generate a token" snippet makes it.
//   node videosdk.cjs verify --token T --secret-file FILE
//       jwt.verify(token, SECRET, {algorithms: ['HS256']}): prints {"valid":true,"header":..,"payload":..} and
//       exits 0, or {"valid":false,"code":..,"error":..} and exits 1.
//
// The secret file is read as signet-cli reads it: as is, one trailing line break removed. Exit code 2
// and one line on stderr for usage errors.

const jwt = require('jsonwebtoken');
const {readFileSync} = require('node:fs');
const {parseArgs} = require('node:util');

function usage(message)
{
    process.stderr.write(`videosdk.cjs: ${message}\n`);
    process.exit(2);
}

let parsed;
try {
    parsed = parseArgs({
        options : {apikey : {type : 'string'}, 'secret-file' : {type : 'string'}, token : {type : 'string'}},
        strict : true,
        allowPositionals : true,
    });
} catch (error) {
    usage(error.message);
}
const options = parsed.values;
const [command] = parsed.positionals;
if (!options['secret-file'])
    usage('needs --secret-file');
let SECRET;
try {
    SECRET = readFileSync(options['secret-file'], 'utf8').replace(/\r?\n$/, '');
} catch (error) {
    usage(`cannot read ${options['secret-file']}: ${error.message}`);
}

if (command === 'sign') {
    if (!options.apikey)
        usage('sign needs --apikey');
    // As documented, with the key and secret from the command line.
    const API_KEY = options.apikey;
    const tokenOptions = {expiresIn : '120m', algorithm : 'HS256'};
    const payload = {apikey : API_KEY, permissions : ['allow_join'], version : 2, roles : [ 'crawler', 'rtc' ]};
    const token = jwt.sign(payload, SECRET, tokenOptions);
    process.stdout.write(token + '\n');
} else if (command === 'verify') {
    if (!options.token)
        usage('verify needs --token');
    try {
        const decoded = jwt.verify(options.token, SECRET, {algorithms : ['HS256'], complete : true});
        process.stdout.write(JSON.stringify({valid : true, header : decoded.header, payload : decoded.payload}) + '\n');
    } catch (error) {
        process.stdout.write(JSON.stringify({valid : false, code : error.name, error : error.message}) + '\n');
        process.exit(1);
    }
} else {
    usage('give sign or verify');
}
