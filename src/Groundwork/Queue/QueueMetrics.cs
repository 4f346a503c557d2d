using System.Diagnostics.Metrics;
using Groundwork.Core.Queue;

namespace Groundwork.Queue;

/// <summary>
/// The queue's instruments on the <c>Groundwork</c> meter: leases granted, skipped and expired, annotations
/// created, and gauges of queue depth and live leases (refreshed by the lease sweeper, so a scrape never
/// waits on the database).
/// </summary>
public sealed class QueueMetrics
{
    public const string MeterName = "Groundwork";

    private readonly Counter<long> _leasesGranted;
    private readonly Counter<long> _leasesSkipped;
    private readonly Counter<long> _leasesExpired;
    private readonly Counter<long> _annotationsCreated;
    private long _queueDepth;
    private long _liveLeases;

    public QueueMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        _leasesGranted = meter.CreateCounter<long>("groundwork.leases.granted", "{lease}", "Leases handed to annotators by next");
        _leasesSkipped = meter.CreateCounter<long>("groundwork.leases.skipped", "{lease}", "Leases given back with skip");
        _leasesExpired = meter.CreateCounter<long>("groundwork.leases.expired", "{lease}", "Leases that expired and returned their task to the queue");
        _annotationsCreated = meter.CreateCounter<long>("groundwork.annotations.created", "{annotation}", "Annotations submitted");
        meter.CreateObservableGauge("groundwork.queue.depth", () => Interlocked.Read(ref _queueDepth), "{task}", "Ordinary tasks still waiting for annotations (queued or in progress), all projects");
        meter.CreateObservableGauge("groundwork.leases.live", () => Interlocked.Read(ref _liveLeases), "{lease}", "Live leases, all projects");
    }

    public void LeaseGranted() => _leasesGranted.Add(1);

    public void LeaseSkipped() => _leasesSkipped.Add(1);

    public void LeasesExpired(int count) => _leasesExpired.Add(count);

    public void AnnotationCreated() => _annotationsCreated.Add(1);

    public void Update(QueueGauges gauges)
    {
        ArgumentNullException.ThrowIfNull(gauges);
        Interlocked.Exchange(ref _queueDepth, gauges.QueueDepth);
        Interlocked.Exchange(ref _liveLeases, gauges.LiveLeases);
    }
}
