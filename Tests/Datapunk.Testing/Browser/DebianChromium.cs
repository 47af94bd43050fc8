using Microsoft.Playwright;

namespace Datapunk.Testing.Browser;

/// <summary>
/// Debian's Chromium (scripts/lib/install.sh installs the <c>chromium</c> package): Playwright's own
/// browser download cannot work on these machines. The flags keep a closed network from being
/// dialled at every start and let it run as root in a container. The web app's browser tests and the
/// browser benchmark both drive it.
/// </summary>
public static class DebianChromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    public static BrowserTypeLaunchOptions LaunchOptions()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new FileNotFoundException($"{ExecutablePath} is missing: install Debian's chromium package (./datapunk test does).", ExecutablePath);
        }

        return new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
                // WebGL (MapLibre draws with it) on the CPU: headless Chromium has no GPU here.
                "--enable-unsafe-swiftshader",
            ],
        };
    }
}
