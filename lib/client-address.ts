// The request header in which server.mjs hands the app the client's address, taken from the
// socket (or, behind a reverse proxy, from the header named by NEWSROOM_CLIENT_ADDRESS_HEADER):
// whatever a client sends under this name itself is overwritten, so it cannot pick its own.
export const CLIENT_ADDRESS_HEADER = 'x-newsroom-client';
