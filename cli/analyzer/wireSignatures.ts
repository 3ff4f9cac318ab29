// The engine's markers for special values on the wire (secrets, resource references, assets,
// archives, output values, unknowns), as a policy pack receives them. They are the engine's
// protocol constants (pulumi/pulumi sdk/go/common/resource/sig/sig.go; the unknown string,
// sdk/go/common/resource/plugin/rpc.go UnknownStringValue), which @pulumi/pulumi's runtime/rpc.js
// exports too; loading that module for them cost the CLI the SDK's runtime, so they are kept here
// and test/cli/analyzer/wireSignatures.test.ts checks them against the SDK's.

/** The key whose value says what kind of special value an object is. */
export const specialSigKey = "4dabf18193072939515e22adb298388d";
export const specialAssetSig = "c44067f5952c0a294b673a41bacd8c17";
export const specialArchiveSig = "0def7320c3a5731c473e5ecbe6d01bc7";
export const specialSecretSig = "1b47061264138c4ac30d75fd1eb44270";
export const specialResourceSig = "5cf8f73096256a8f31e491e813e4eb8e";
export const specialOutputValueSig = "d0e6a833031e9bbcd3f4e8bde6ca49a4";
/** The string that stands for a value unknown during preview, whatever its type. */
export const unknownValue = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
