// The bench's control page loads this empty classic script, synchronously, where crumbs' tag goes
// (bench/variants.mjs, "synctag"): the cost of a parser-blocking tag alone.
