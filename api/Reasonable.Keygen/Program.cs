using Reasonable.Crypto;

// Prints NAME=value lines on stdout (ready to append to .env); guidance goes to stderr.
return args switch
{
    ["arch"] => MakeArchKeys(),
    ["master", var archPublicKey] => MakeMasterKey(archPublicKey),
    _ => Usage(),
};

static int MakeArchKeys()
{
    var (keys, checkSecretSeed) = BuildKeySet.Generate();
    Console.Out.WriteLine($"ARCH_KEYS={keys.Format()}");
    Console.Out.WriteLine($"ARCH_PUBLIC_KEY={keys.ArchPublicKeyText}");
    Console.Out.WriteLine($"REASONABLE_CHECK_SECRET_KEY={KeyText.Format(BuildKeySet.CheckSecretKeyPrefix, checkSecretSeed)}");
    Console.Error.WriteLine($"Arch public key (for `npm run keygen -- master`): {keys.ArchPublicKeyText}");
    Console.Error.WriteLine("Keep REASONABLE_CHECK_SECRET_KEY offline: it is needed only to make master keys, never by the server.");
    return 0;
}

static int MakeMasterKey(string archPublicKeyText)
{
    var archPublicKey = KeyText.TryParse(archPublicKeyText, BuildKeySet.ArchPublicKeyPrefix, 32);
    if (archPublicKey is null)
    {
        Console.Error.WriteLine("The arch public key is malformed: expected the `apk1.` value printed by `npm run keygen -- arch`.");
        return 2;
    }

    var checkSecretSeed = KeyText.TryParse(
        Environment.GetEnvironmentVariable("REASONABLE_CHECK_SECRET_KEY"), BuildKeySet.CheckSecretKeyPrefix, 32);
    if (checkSecretSeed is null)
    {
        Console.Error.WriteLine("REASONABLE_CHECK_SECRET_KEY must hold the `csk1.` value printed by `npm run keygen -- arch`.");
        return 2;
    }

    var masterKey = MasterKey.Generate();
    Console.Out.WriteLine($"REASONABLE_MASTER_KEY={SealedMasterKey.Create(masterKey, archPublicKey, checkSecretSeed)}");
    Console.Error.WriteLine($"Master key id {masterKey.KeyId}, sealed to {archPublicKeyText}.");
    return 0;
}

static int Usage()
{
    Console.Error.WriteLine("""
        usage: npm run keygen -- arch
                 prints ARCH_KEYS (build time), ARCH_PUBLIC_KEY and REASONABLE_CHECK_SECRET_KEY (keep offline)
               npm run keygen -- master <arch public key>
                 with REASONABLE_CHECK_SECRET_KEY set: prints REASONABLE_MASTER_KEY, sealed to that arch key
        """);
    return 2;
}
