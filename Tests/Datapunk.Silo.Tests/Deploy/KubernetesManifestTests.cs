using YamlDotNet.RepresentationModel;

namespace Datapunk.Silo.Tests.Deploy;

/// <summary>
/// deploy/kubernetes/ as Kubernetes and Orleans' Kubernetes hosting will read it. No cluster is available
/// to apply it, so these checks are what keeps it honest: labels against environment, RBAC, probes,
/// ports, grace period, secrets and TLS.
/// </summary>
public sealed class KubernetesManifestTests
{
    private const string ServiceIdLabel = "orleans/serviceId";
    private const string ClusterIdLabel = "orleans/clusterId";
    private const string SiloContainer = "silo";

    /// <summary>Silo/Hosting/SiloServiceCollectionExtensions.cs gives the host 30 s to shut down; Kubernetes must wait longer.</summary>
    private const int MinimumGracePeriodSeconds = 40;

    private static readonly string[] HostingVerbs = ["get", "list", "watch", "patch"];
    private static readonly string[] SecretWords = ["Password", "Secret", "ConnectionString", "Token", "Key"];
    private static readonly string[] TlsSettings = ["Cluster__Tls__CertificatePath", "Cluster__Tls__KeyPath", "Cluster__Tls__CaPath"];

    [Fact]
    public void EveryManifestParsesWithApiVersionKindAndNameInTheDatapunkNamespace()
    {
        KubernetesManifests.All.ShouldNotBeEmpty($"no YAML documents under {KubernetesManifests.Folder}");
        foreach (var manifest in KubernetesManifests.All)
        {
            manifest.Root.ScalarOrNull("apiVersion").ShouldNotBeNullOrEmpty($"{manifest.File}: a document without apiVersion");
            manifest.Root.ScalarOrNull("kind").ShouldNotBeNullOrEmpty($"{manifest.File}: a document without kind");
            manifest.Name.ShouldNotBeNullOrEmpty($"{manifest}: no metadata.name");
            if (manifest.Kind != "Namespace")
            {
                manifest.Namespace.ShouldBe("datapunk", $"{manifest}: every namespaced object belongs in the datapunk namespace");
            }
        }
    }

    [Fact]
    public void ThereIsASiloWorkload()
    {
        KubernetesManifests.Workloads.ShouldContain(w => w.Containers.Any(c => c.ScalarOrNull("name") == SiloContainer),
            $"a StatefulSet, Deployment or DaemonSet with a container named {SiloContainer} under {KubernetesManifests.Folder}");
    }

    [Fact]
    public void PodLabelsMatchTheOrleansAndSiloIdsInTheEnvironment()
    {
        foreach (var (workload, env) in SiloContainers())
        {
            var labels = workload.PodLabels;
            var serviceId = labels.GetValueOrDefault(ServiceIdLabel).ShouldNotBeNull($"{workload}: the pod template has no {ServiceIdLabel} label");
            var clusterId = labels.GetValueOrDefault(ClusterIdLabel).ShouldNotBeNull($"{workload}: the pod template has no {ClusterIdLabel} label");

            env.Resolve("ORLEANS_SERVICE_ID").ShouldBe(serviceId, $"{workload}: ORLEANS_SERVICE_ID must equal the {ServiceIdLabel} label");
            env.Resolve("ORLEANS_CLUSTER_ID").ShouldBe(clusterId, $"{workload}: ORLEANS_CLUSTER_ID must equal the {ClusterIdLabel} label");
            env.Resolve("Cluster__ServiceId").ShouldBe(serviceId, $"{workload}: the silo's Cluster__ServiceId must equal ORLEANS_SERVICE_ID");
            env.Resolve("Cluster__Id").ShouldBe(clusterId, $"{workload}: the silo's Cluster__Id must equal ORLEANS_CLUSTER_ID");
        }
    }

    [Fact]
    public void DownwardApiGivesThePodsNameNamespaceAndIpAndTheSiloAdvertisesThatIp()
    {
        foreach (var (workload, env) in SiloContainers())
        {
            env.FieldPath("POD_NAME").ShouldBe("metadata.name", $"{workload}: POD_NAME");
            env.FieldPath("POD_NAMESPACE").ShouldBe("metadata.namespace", $"{workload}: POD_NAMESPACE");
            env.FieldPath("POD_IP").ShouldBe("status.podIP", $"{workload}: POD_IP");
            env.FieldPath("Silo__AdvertisedHost").ShouldBe("status.podIP", $"{workload}: other silos reach this one at its pod IP");
            env.Resolve("Silo__ListenAddress").ShouldBe("0.0.0.0", $"{workload}: the silo port must take connections from other pods");
            env.Resolve("Gateway__ListenAddress").ShouldBe("0.0.0.0", $"{workload}: the HTTP port must take probes and service traffic");
        }
    }

    [Fact]
    public void PodsRunUnderTheirServiceAccountWithItsTokenMounted()
    {
        foreach (var workload in SiloWorkloads())
        {
            workload.PodSpec.ScalarOrNull("automountServiceAccountToken").ShouldBe("true",
                $"{workload}: Orleans' Kubernetes hosting calls the API server with the pod's token");
            var accountName = workload.PodSpec.ScalarOrNull("serviceAccountName").ShouldNotBeNull($"{workload}: no serviceAccountName");
            var account = KubernetesManifests.OfKind("ServiceAccount").SingleOrDefault(a => a.Name == accountName && a.Namespace == workload.Namespace)
                .ShouldNotBeNull($"{workload}: its service account {accountName} is not among the manifests");
            account.Root.ScalarOrNull("automountServiceAccountToken").ShouldNotBe("false", $"{account}: must not turn the token off");
        }
    }

    [Fact]
    public void TheServiceAccountMayGetListWatchAndPatchPodsAndNothingMore()
    {
        foreach (var workload in SiloWorkloads())
        {
            var accountName = workload.PodSpec.Scalar("serviceAccountName");
            var bindings = KubernetesManifests.OfKind("RoleBinding")
                .Where(b => b.Root.Maps("subjects").Any(s => s.ScalarOrNull("kind") == "ServiceAccount" && s.ScalarOrNull("name") == accountName))
                .ToList();
            bindings.ShouldNotBeEmpty($"{workload}: no RoleBinding names the service account {accountName}");
            var verbs = new HashSet<string>(StringComparer.Ordinal);
            foreach (var binding in bindings)
            {
                var roleRef = binding.Root.Map("roleRef");
                roleRef.ScalarOrNull("kind").ShouldBe("Role", $"{binding}: the pods are namespaced; bind a Role");
                var role = KubernetesManifests.OfKind("Role").SingleOrDefault(r => r.Name == roleRef.ScalarOrNull("name") && r.Namespace == binding.Namespace)
                    .ShouldNotBeNull($"{binding}: its Role {roleRef.ScalarOrNull("name")} is not among the manifests");
                foreach (var rule in role.Root.Maps("rules").Where(r => r.Scalars("apiGroups").Contains("") && r.Scalars("resources").Contains("pods")))
                {
                    verbs.UnionWith(rule.Scalars("verbs"));
                }
            }

            // The silo calls UseKubernetesHosting() without DeleteDefunctSiloPods, so it never deletes pods.
            verbs.Order(StringComparer.Ordinal).ShouldBe(HostingVerbs.Order(StringComparer.Ordinal),
                $"{workload}: verbs on pods granted to {accountName}");
        }
    }

    [Fact]
    public void ProbesAskTheSiloForLivenessAndReadinessOnItsHttpPort()
    {
        foreach (var (workload, container) in SiloContainerNodes())
        {
            var liveness = container.Map("livenessProbe").Map("httpGet");
            var readiness = container.Map("readinessProbe").Map("httpGet");

            liveness.ScalarOrNull("path").ShouldBe("/health/live", $"{workload}: liveness probe path");
            readiness.ScalarOrNull("path").ShouldBe("/health/ready", $"{workload}: readiness probe path");
            ContainerPort(workload, container, liveness.Scalar("port")).ShouldBe(8080, $"{workload}: liveness probe port");
            ContainerPort(workload, container, readiness.Scalar("port")).ShouldBe(8080, $"{workload}: readiness probe port");
        }
    }

    [Fact]
    public void GracePeriodOutlastsTheSilosShutdownTimeout()
    {
        foreach (var workload in SiloWorkloads())
        {
            var seconds = workload.PodSpec.ScalarOrNull("terminationGracePeriodSeconds")
                .ShouldNotBeNull($"{workload}: no terminationGracePeriodSeconds (Kubernetes' default of 30 s equals the silo's own shutdown timeout)");
            int.Parse(seconds, System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThanOrEqualTo(MinimumGracePeriodSeconds,
                $"{workload}: grains need the silo's 30 s shutdown to hand over before SIGKILL");
        }
    }

    [Fact]
    public void ContainerPortsAndSettingsAgreeOnHttpSiloAndOrleansGateway()
    {
        foreach (var (workload, container) in SiloContainerNodes())
        {
            var env = new ContainerEnvironment(workload, container);
            var ports = container.Maps("ports").ToDictionary(p => p.Scalar("name"), p => p.Scalar("containerPort"));

            ports.ShouldBe(new Dictionary<string, string> { ["http"] = "8080", ["grpc"] = "8180", ["silo"] = "11111", ["orleans-gateway"] = "30000" },
                ignoreOrder: true, $"{workload}: container ports by name");
            env.Resolve("Gateway__Port").ShouldBe("8080", $"{workload}: Gateway__Port");
            env.Resolve("Gateway__GrpcPort").ShouldBe("8180", $"{workload}: Gateway__GrpcPort");
            env.Resolve("Silo__Port").ShouldBe("11111", $"{workload}: Silo__Port");
            env.Resolve("Silo__GatewayPort").ShouldBe("30000", $"{workload}: Silo__GatewayPort");
        }
    }

    [Fact]
    public void ServicesTargetPortsTheSiloPodsDeclare()
    {
        var declared = SiloContainerNodes().SelectMany(pair => pair.Container.Maps("ports"))
            .SelectMany(p => new[] { p.Scalar("name"), p.Scalar("containerPort") })
            .ToHashSet(StringComparer.Ordinal);
        foreach (var service in KubernetesManifests.OfKind("Service"))
        {
            foreach (var port in service.Root.Map("spec").Maps("ports"))
            {
                var target = port.ScalarOrNull("targetPort") ?? port.Scalar("port");
                declared.ShouldContain(target, $"{service}: port {port.ScalarOrNull("name")} targets {target}, which no silo container declares");
            }
        }
    }

    [Fact]
    public void NoSecretValueIsWrittenIntoAManifest()
    {
        foreach (var workload in KubernetesManifests.Workloads)
        {
            foreach (var container in workload.Containers)
            {
                foreach (var variable in container.Maps("env"))
                {
                    var name = variable.Scalar("name");
                    if (!SecretWords.Any(word => name.Contains(word, StringComparison.OrdinalIgnoreCase)) || name.EndsWith("Path", StringComparison.Ordinal))
                    {
                        continue;
                    }

                    variable.ScalarOrNull("value").ShouldBeNull($"{workload}: env {name} holds a literal value; read it from a Secret");
                    variable.MapOrNull("valueFrom")?.MapOrNull("secretKeyRef").ShouldNotBeNull($"{workload}: env {name} must come from a secretKeyRef");
                }
            }
        }

        KubernetesManifests.OfKind("Secret").ShouldBeEmpty("secrets are created outside deploy/kubernetes/ (see deploy/README.md), so applying the folder never overwrites them");
    }

    [Fact]
    public void OnlyTheMigrationInitContainerHoldsTheOwnersCredentials()
    {
        foreach (var (workload, silo) in SiloContainerNodes())
        {
            var migrate = workload.PodSpec.Maps("initContainers").SingleOrDefault(c => c.Scalars("args").Contains("--migrate-only"))
                .ShouldNotBeNull($"{workload}: an init container running the silo image with --migrate-only applies the migrations as the owner");
            migrate.ScalarOrNull("image").ShouldBe(silo.ScalarOrNull("image"), $"{workload}: the migrations are the silo image's own");
            var owner = SecretKeyOf(migrate, "ConnectionStrings__PostgresOwner")
                .ShouldNotBeNull($"{workload}: the migration init container reads ConnectionStrings__PostgresOwner from a secret");

            SecretKeyOf(silo, "ConnectionStrings__PostgresOwner").ShouldBeNull($"{workload}: the silo container must not hold the owner's credentials");
            silo.Maps("env").Select(v => SecretKeyOf(silo, v.Scalar("name")))
                .ShouldNotContain(owner, $"{workload}: the silo container reads the owner's secret key");
            SecretKeyOf(silo, "ConnectionStrings__Postgres").ShouldNotBe(owner, $"{workload}: the silos' login is not the owner");
            SecretKeyOf(silo, "ConnectionStrings__PostgresImport").ShouldNotBeNull($"{workload}: the import writer's login");
            SecretKeyOf(silo, "ConnectionStrings__PostgresWorkbench").ShouldNotBeNull($"{workload}: the SQL workbench's login");
        }
    }

    [Fact]
    public void TlsCertificateKeyAndAuthorityAreFilesFromAMountedSecret()
    {
        foreach (var (workload, container) in SiloContainerNodes())
        {
            var env = new ContainerEnvironment(workload, container);
            var volumes = workload.PodSpec.Maps("volumes").ToDictionary(v => v.Scalar("name"));
            foreach (var setting in TlsSettings)
            {
                var path = env.Resolve(setting).ShouldNotBeNull($"{workload}: {setting} must be set (TLS is on in deploy/)");
                var mount = container.Maps("volumeMounts")
                    .FirstOrDefault(m => path.StartsWith(m.Scalar("mountPath").TrimEnd('/') + "/", StringComparison.Ordinal))
                    .ShouldNotBeNull($"{workload}: {setting}={path} is under no volume mount");
                mount.ScalarOrNull("readOnly").ShouldBe("true", $"{workload}: the TLS mount should be read-only");
                volumes.GetValueOrDefault(mount.Scalar("name")).ShouldNotBeNull($"{workload}: volume {mount.Scalar("name")} is not declared")
                    .MapOrNull("secret")?.ScalarOrNull("secretName").ShouldNotBeNullOrEmpty($"{workload}: {setting} must be read from a Secret volume");
            }
        }
    }

    [Fact]
    public void EverySiloMountsTheSameSharedSpool()
    {
        foreach (var (workload, container) in SiloContainerNodes())
        {
            var path = new ContainerEnvironment(workload, container).Resolve("Spool__Path").ShouldNotBeNull($"{workload}: Spool__Path must be set");
            var mount = container.Maps("volumeMounts").FirstOrDefault(m => m.Scalar("mountPath").TrimEnd('/') == path.TrimEnd('/'))
                .ShouldNotBeNull($"{workload}: the spool {path} is not a mounted volume");
            var claim = workload.PodSpec.Maps("volumes").Single(v => v.Scalar("name") == mount.Scalar("name"))
                .MapOrNull("persistentVolumeClaim")?.ScalarOrNull("claimName")
                .ShouldNotBeNull($"{workload}: the spool must be a persistent volume claim every silo shares (not a per-pod volume)");
            KubernetesManifests.OfKind("PersistentVolumeClaim").SingleOrDefault(c => c.Name == claim && c.Namespace == workload.Namespace)
                .ShouldNotBeNull($"{workload}: claim {claim} is not declared")
                .Root.MapOrNull("spec")!.Scalars("accessModes").ShouldContain("ReadWriteMany", "every silo writes and reads the spool");
        }
    }

    private static IEnumerable<Manifest> SiloWorkloads()
    {
        var workloads = KubernetesManifests.Workloads.Where(w => w.Containers.Any(c => c.ScalarOrNull("name") == SiloContainer)).ToList();
        workloads.ShouldNotBeEmpty($"a workload with a container named {SiloContainer}");
        return workloads;
    }

    private static IEnumerable<(Manifest Workload, YamlMappingNode Container)> SiloContainerNodes() =>
        SiloWorkloads().Select(w => (w, w.Containers.Single(c => c.ScalarOrNull("name") == SiloContainer)));

    private static IEnumerable<(Manifest Workload, ContainerEnvironment Env)> SiloContainers() =>
        SiloContainerNodes().Select(pair => (pair.Workload, new ContainerEnvironment(pair.Workload, pair.Container)));

    /// <summary>The secret and key (<c>name/key</c>) a container's variable is read from, or null.</summary>
    private static string? SecretKeyOf(YamlMappingNode container, string variable) =>
        container.Maps("env").FirstOrDefault(v => v.ScalarOrNull("name") == variable)?.MapOrNull("valueFrom")?.MapOrNull("secretKeyRef") is { } reference
            ? $"{reference.ScalarOrNull("name")}/{reference.ScalarOrNull("key")}"
            : null;

    /// <summary>A probe's port: a number, or the name of one of the container's ports.</summary>
    private static int ContainerPort(Manifest workload, YamlMappingNode container, string port) =>
        int.TryParse(port, out var number)
            ? number
            : int.Parse(
                container.Maps("ports").FirstOrDefault(p => p.ScalarOrNull("name") == port)?.ScalarOrNull("containerPort")
                    ?? throw new Xunit.Sdk.XunitException($"{workload}: a probe names port '{port}', which the container does not declare"),
                System.Globalization.CultureInfo.InvariantCulture);
}
