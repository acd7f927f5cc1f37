// cluster-key-slot (the slot function ioredis itself uses) ships no types; only the tests import it.
declare module 'cluster-key-slot' {
  /** The Redis Cluster slot (0-16383) of `key`, honouring its `{hash tag}`. */
  export default function calculateSlot(key: string | Buffer): number;
}
