// Draws each figure the server put in the page (PlotlyFigure: its JSON in data-plotly) with plotly.js as soon as it
// is there: at load, and as streaming fills the page in. A click on a point follows the point's link.
(() => {
    const plotlySource = document.currentScript.dataset.plotlySrc;
    let plotly;

    const loadPlotly = () => plotly ??= new Promise((resolve, reject) => {
        if (window.Plotly) return resolve(window.Plotly);
        const script = document.createElement("script");
        script.src = plotlySource;
        script.onload = () => resolve(window.Plotly);
        script.onerror = () => reject(new Error(`plotly.js could not be loaded from ${plotlySource}`));
        document.head.appendChild(script);
    });

    const follow = link => window.Blazor?.navigateTo ? window.Blazor.navigateTo(link) : window.location.assign(link);

    // plotly draws into a child of its own: streaming updates reset the figure element's attributes (it is
    // data-permanent, so its children are left alone), and plotly's styles need the classes it sets.
    async function draw(target) {
        const figure = target.dataset.plotly;
        target.drawnFigure = figure;
        const { data, layout, config, links } = JSON.parse(figure);
        const Plotly = await loadPlotly();
        const graph = document.createElement("div");
        target.replaceChildren(graph);
        await Plotly.newPlot(graph, data, layout, config);
        if (links.some(link => link)) {
            graph.on("plotly_click", event => {
                const link = links[event.points[0]?.pointIndex];
                if (link) follow(link);
            });
            graph.dataset.clickable = "true"; // tests and styles rely on this: the chart answers clicks now
        }
    }

    // One chart at a time, in the page's order: drawn side by side, a page whose figures all arrive at once would show
    // its first chart only when most of the others were drawn too.
    let drawing = Promise.resolve();
    const drawNew = () => {
        for (const target of document.querySelectorAll(".plotly-figure[data-plotly]"))
            if (target.drawnFigure !== target.dataset.plotly) {
                target.drawnFigure = target.dataset.plotly;
                drawing = drawing.then(() => draw(target)).catch(error => console.error(error));
            }
    };

    new MutationObserver(drawNew).observe(document.documentElement, { childList: true, subtree: true });
    // A page that preloads plotly.js will draw charts: running it now, while the figures are still being computed,
    // keeps its start-up out of the time to the first chart.
    if (document.querySelector(`link[rel="preload"][href="${plotlySource}"]`)) loadPlotly();
    drawNew();
})();
