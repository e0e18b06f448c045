// Every collection starts its own service process; they run one after another so the machine's two cores
// are not shared by two silos starting at once and timings stay predictable.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
