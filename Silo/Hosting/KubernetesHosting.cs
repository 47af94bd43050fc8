namespace Datapunk.Silo.Hosting;

public static class KubernetesHosting
{
    /// <summary>
    /// Orleans' Kubernetes hosting (pod name and IP as silo identity, pod labels, removal of dead
    /// silos' pods from membership) when running in a pod. Outside Kubernetes it would abort the
    /// start ("Namespace is not set"), so it is only added when the API server is known.
    /// </summary>
    public static ISiloBuilder AddKubernetesHostingWhenInCluster(this ISiloBuilder silo) =>
        string.IsNullOrEmpty(Environment.GetEnvironmentVariable("KUBERNETES_SERVICE_HOST")) ? silo : silo.UseKubernetesHosting();
}
