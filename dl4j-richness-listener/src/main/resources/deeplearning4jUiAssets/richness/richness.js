/*
 * The richness page of DL4J's training UI: polls /richness/records/<session>?since=<key> for every session
 * shown and draws the records with D3 v3 (the webjar the UI serves).
 *
 * Runs: the records of a session are split into runs, one per worker and run id (the listener's, in every
 * record); records without a run id (written before run ids existed) are split where the iteration goes
 * backwards, as io.github.richness.record.Run does. Several sessions can be shown, and every run of them is
 * drawn on the same axes, a colour per run, its second quantity dashed, the legend naming each run; the run
 * boxes choose which are drawn. One run is drawn with a colour per quantity instead.
 *
 * Each series is one SVG path with class "richness-line" and the attributes data-series (its legend name) and
 * data-run (its run's key); non-finite values (failed measurements, undefined baselines) are left out.
 *
 * Layers (records with a "layers" array): a layer x measurement heatmap of D_LR_l and of S_init_l per run drawn
 * (svg.richness-heatmap, rect.richness-cell), and D_LR_l and S_init_l against the layer at the last measurement
 * (#chart-layers); the section is hidden when no run drawn has layers (UI.md, "Layers on the page").
 */
var richness = (function () {
    'use strict';

    var POLL_MS = 2000;
    var SESSIONS_EVERY = 5;
    var SHORT_ID = 8;
    var COLORS = d3.scale.category10();
    var DASHED = '6,4';
    var LEGEND_ROW = 16;
    var LEGEND_CHAR = 6.2;
    var BASELINES = [
        {key: 's_init', title: 'Kernel similarity to init', label: 'S_init'},
        {key: 'param_norm_sq', title: 'Parameter norm', label: '‖θ‖²'},
        {key: 'nc1', title: 'Neural collapse NC1', label: 'Tr(Σ_b⁺ Σ_W)'},
        {key: 'trace_sigma_w', title: 'Within-class variation', label: 'Tr(Σ_W)'}
    ];

    /*
     * sessions: the answer of /richness/sessions; shown: the session ids whose records are loaded and drawn;
     * loaded: session id -> {since, records}; hidden: run keys unticked; chosen: record ids whose spectra are
     * drawn (null: the last of each run); picked: whether the sessions first shown were picked (from ?session=
     * or the newest), so that a user who unticks every session is not overridden.
     */
    var state = {sessions: [], shown: [], loaded: {}, hidden: {}, chosen: null, polls: 0, picked: false};

    function finite(v) {
        return typeof v === 'number' && isFinite(v);
    }

    function fmt(v) {
        return finite(v) ? d3.format('.4g')(v) : '–';
    }

    function shortId(id) {
        return String(id).slice(0, SHORT_ID);
    }

    function recordId(r) {
        return r.session + '|' + r.worker + '@' + r.stored_ms;
    }

    function recordName(r) {
        return 'epoch ' + r.epoch + ', it ' + r.iteration + ': D_LR = ' + fmt(r.d_lr);
    }

    function sessionName(id) {
        var known = state.sessions.filter(function (s) { return s.session === id; })[0];
        return known && known.label ? known.label : 'session ' + shortId(id);
    }

    /** The runs of one session's records (storage order): by worker and run id, else where the iteration goes back. */
    function splitRuns(session, records) {
        var runs = [];
        var byKey = {};
        var open = {};
        records.forEach(function (r) {
            var key;
            if (r.run_id) {
                key = session + '|' + r.worker + '|' + r.run_id;
                open[r.worker] = null;
            } else {
                var current = open[r.worker];
                if (!current || r.iteration < current.lastIteration) {
                    current = {key: session + '|' + r.worker + '|#' + (runs.length + 1), lastIteration: r.iteration};
                    open[r.worker] = current;
                }
                current.lastIteration = r.iteration;
                key = current.key;
            }
            if (!byKey[key]) {
                byKey[key] = {key: key, session: session, worker: r.worker, runId: r.run_id || null,
                    position: runs.length + 1, records: []};
                runs.push(byKey[key]);
            }
            byKey[key].records.push(r);
        });
        return runs;
    }

    /** Every run of the sessions shown, labelled by what tells it apart: session, worker, run id. */
    function allRuns() {
        var runs = [];
        state.shown.forEach(function (session) {
            var loaded = state.loaded[session];
            if (loaded) {
                runs = runs.concat(splitRuns(session, loaded.records));
            }
        });
        runs.forEach(function (run) {
            var sameSession = runs.filter(function (o) { return o.session === run.session; });
            var workers = d3.set(sameSession.map(function (o) { return o.worker; })).values();
            var sameWorker = sameSession.filter(function (o) { return o.worker === run.worker; });
            var parts = [];
            if (state.shown.length > 1) {
                parts.push(sessionName(run.session));
            }
            if (workers.length > 1) {
                parts.push('worker ' + run.worker);
            }
            if (sameWorker.length > 1 || parts.length === 0) {
                parts.push(run.runId ? 'run ' + shortId(run.runId) : 'run #' + run.position);
            }
            run.label = parts.join(' · ');
        });
        runs.forEach(function (run, i) {
            run.color = COLORS(i);
        });
        return runs;
    }

    function visibleRuns(runs) {
        return runs.filter(function (run) {
            return !state.hidden[run.key];
        });
    }

    /** Points [iteration, value] or, with an error key, [iteration, value, standard error] (error bars). */
    function timeSeries(records, key, errorKey) {
        return records.filter(function (r) {
            return finite(r[key]);
        }).map(function (r) {
            return errorKey && finite(r[errorKey]) ? [r.iteration, r[key], r[errorKey]] : [r.iteration, r[key]];
        });
    }

    /** The run's lazy reference (the same on every record) as a flat line over the run's iterations. */
    function lazyReference(records) {
        var points = records.filter(function (r) { return finite(r.d_lr_lazy); });
        if (points.length === 0) {
            return [];
        }
        var first = points[0].iteration;
        var last = Math.max(points[points.length - 1].iteration, first + 1);
        return [[first, points[0].d_lr_lazy], [last, points[0].d_lr_lazy]];
    }

    function spectrumSeries(r, key) {
        var points = [];
        (r[key] || []).forEach(function (v, i) {
            if (finite(v)) {
                points.push([i + 1, v]);
            }
        });
        return points;
    }

    function padded(extent, log) {
        if (extent[0] !== extent[1]) {
            return extent;
        }
        return log ? [extent[0] / 2, extent[0] * 2] : [extent[0] - 1, extent[0] + 1];
    }

    function powerOfTen(d) {
        var e = Math.log(d) / Math.LN10;
        return Math.abs(e - Math.round(e)) < 1e-9;
    }

    /** Legend entries laid out left to right, wrapping at the width: [{series, x, row}], and the rows used. */
    function legendLayout(series, width) {
        var x = 0;
        var row = 0;
        var placed = series.map(function (s) {
            var w = 18 + s.name.length * LEGEND_CHAR + 14;
            if (x > 0 && x + w > width) {
                x = 0;
                row++;
            }
            var item = {series: s, x: x, row: row};
            x += w;
            return item;
        });
        return {items: placed, rows: series.length === 0 ? 0 : row + 1};
    }

    /**
     * Draws a line chart into the element with the given id; spec: title, xLabel, yLabel, xLog, yDomain, legend,
     * height, series [{name, run, color, dashed, points}].
     */
    function lineChart(id, spec) {
        var el = document.getElementById(id);
        var width = Math.max(el.clientWidth, 240);
        var legend = spec.legend ? legendLayout(spec.series, width - 76) : {items: [], rows: 0};
        var top = (spec.title ? 24 : 10) + legend.rows * LEGEND_ROW;
        var height = (spec.height || 260) + legend.rows * LEGEND_ROW;
        var margin = {top: top, right: 16, bottom: 42, left: 60};
        var w = width - margin.left - margin.right;
        var h = height - margin.top - margin.bottom;
        d3.select(el).selectAll('*').remove();
        var svg = d3.select(el).append('svg').attr('class', 'richness-svg').attr('width', width).attr('height', height);
        if (spec.title) {
            svg.append('text').attr('class', 'richness-title').attr('x', margin.left + w / 2).attr('y', 16)
                .attr('text-anchor', 'middle').text(spec.title);
        }
        var g = svg.append('g').attr('transform', 'translate(' + margin.left + ',' + margin.top + ')');
        var all = [];
        spec.series.forEach(function (s) {
            s.points.forEach(function (p) {
                all.push(p);
                if (p.length > 2) {
                    all.push([p[0], p[1] - p[2]], [p[0], p[1] + p[2]]);
                }
            });
        });
        if (all.length === 0) {
            g.append('text').attr('class', 'richness-empty').attr('x', w / 2).attr('y', h / 2)
                .attr('text-anchor', 'middle').text('no values yet');
            return;
        }
        var x = (spec.xLog ? d3.scale.log() : d3.scale.linear()).range([0, w])
            .domain(spec.xCategories ? [-0.5, spec.xCategories.length - 0.5]
                : padded(d3.extent(all, function (p) { return p[0]; }), spec.xLog));
        var y = d3.scale.linear().range([h, 0])
            .domain(spec.yDomain || padded(d3.extent(all, function (p) { return p[1]; }), false));
        if (!spec.yDomain) {
            y.nice();
        }
        var xAxis = d3.svg.axis().scale(x).orient('bottom').ticks(6);
        xAxis.tickFormat(spec.xLog ? function (d) { return powerOfTen(d) ? d3.format(',d')(d) : ''; } : d3.format(',g'));
        if (spec.xCategories) {
            xAxis.tickValues(d3.range(spec.xCategories.length)).tickFormat(function (i) { return spec.xCategories[i]; });
        }
        var yAxis = d3.svg.axis().scale(y).orient('left').ticks(5).tickFormat(function (d) { return String(+d.toPrecision(3)); });
        g.append('g').attr('class', 'richness-axis').attr('transform', 'translate(0,' + h + ')').call(xAxis);
        g.append('g').attr('class', 'richness-axis').call(yAxis);
        g.append('text').attr('class', 'richness-label').attr('x', w / 2).attr('y', h + 36)
            .attr('text-anchor', 'middle').text(spec.xLabel);
        g.append('text').attr('class', 'richness-label').attr('transform', 'rotate(-90)').attr('x', -h / 2)
            .attr('y', -46).attr('text-anchor', 'middle').text(spec.yLabel);
        var line = d3.svg.line().x(function (p) { return x(p[0]); }).y(function (p) { return y(p[1]); });
        spec.series.forEach(function (s) {
            if (s.points.length === 0) {
                return;
            }
            g.append('path').attr('class', 'richness-line').attr('data-series', s.name).attr('data-run', s.run || '')
                .attr('d', line(s.points)).style('stroke', s.color).style('stroke-dasharray', s.dashed ? DASHED : null)
                .style('stroke-width', s.reference ? 1.5 : null);
            g.selectAll('line.none').data(s.points.filter(function (p) { return p.length > 2; })).enter()
                .append('line').attr('class', 'richness-error-bar').attr('data-series', s.name)
                .style('stroke', s.color).style('stroke-width', 1.5)
                .attr('x1', function (p) { return x(p[0]); }).attr('x2', function (p) { return x(p[0]); })
                .attr('y1', function (p) { return y(p[1] - p[2]); }).attr('y2', function (p) { return y(p[1] + p[2]); });
            if (s.reference) {
                return;
            }
            if (s.points.length <= 60) {
                g.selectAll('circle.none').data(s.points).enter().append('circle').attr('class', 'richness-point')
                    .attr('data-series', s.name).attr('r', 2.5).style('fill', s.color)
                    .attr('cx', function (p) { return x(p[0]); }).attr('cy', function (p) { return y(p[1]); });
            }
        });
        if (spec.legend) {
            var box = svg.append('g').attr('class', 'richness-legend')
                .attr('transform', 'translate(' + margin.left + ',' + ((spec.title ? 24 : 4)) + ')');
            legend.items.forEach(function (item) {
                var entry = box.append('g').attr('transform', 'translate(' + item.x + ',' + (item.row * LEGEND_ROW) + ')');
                entry.append('line').attr('x1', 0).attr('x2', 14).attr('y1', 6).attr('y2', 6)
                    .style('stroke', item.series.color).style('stroke-width', 3)
                    .style('stroke-dasharray', item.series.dashed ? '4,2' : null);
                entry.append('text').attr('x', 18).attr('y', 10).text(item.series.name);
            });
        }
    }

    /** One run: a colour per quantity. Several: a colour per run, the second quantity dashed, the run's label first. */
    function pairOfSeries(runs, first, firstName, second, secondName, colors) {
        var series = [];
        runs.forEach(function (run) {
            var one = runs.length === 1;
            var prefix = one ? '' : run.label + ': ';
            var points = timeSeries(run.records, first, first + '_se');
            var withErrors = points.some(function (p) { return p.length > 2; });
            series.push({name: prefix + firstName + (withErrors ? ' ± se' : ''), run: run.key,
                color: one ? colors[0] : run.color, points: points});
            series.push({name: prefix + secondName, run: run.key, color: one ? colors[1] : run.color, dashed: !one,
                points: timeSeries(run.records, second)});
            if (first === 'd_lr' && lazyReference(run.records).length > 0) {
                series.push({name: prefix + 'lazy reference d_lr_lazy', run: run.key, color: one ? '#777' : run.color,
                    dashed: true, reference: true, points: lazyReference(run.records)});
            }
        });
        return series;
    }

    /** The records whose spectra are drawn, each with its run: the chosen ones, else the last of each run. */
    function chosenRecords(runs) {
        var chosen = [];
        runs.forEach(function (run) {
            var withSpectra = run.records.filter(function (r) {
                return (r.relative_eigenvalues || []).length > 0;
            });
            var picked = state.chosen === null ? withSpectra.slice(-1) : withSpectra.filter(function (r) {
                return state.chosen.indexOf(recordId(r)) >= 0;
            });
            picked.forEach(function (r) {
                chosen.push({record: r, run: run});
            });
        });
        return chosen;
    }

    function spectrumName(runs, entry) {
        return (runs.length > 1 ? entry.run.label + ': ' : '') + recordName(entry.record);
    }

    function spectrumColor(runs, entry, i) {
        return runs.length > 1 ? entry.run.color : COLORS(i);
    }

    function renderChoice(runs) {
        var chosen = chosenRecords(runs);
        var ids = chosen.map(function (c) { return recordId(c.record); });
        var box = d3.select('#recordChoice');
        box.selectAll('*').remove();
        box.append('span').attr('class', 'richness-hint').text('Records shown (tick several to overlay epochs):');
        runs.forEach(function (run) {
            run.records.filter(function (r) {
                return (r.relative_eigenvalues || []).length > 0;
            }).forEach(function (r) {
                var id = recordId(r);
                var at = ids.indexOf(id);
                var label = box.append('label').attr('class', 'richness-choice');
                label.append('input').attr('type', 'checkbox').property('checked', at >= 0).on('change', function () {
                    var next = chosenRecords(visibleRuns(allRuns())).map(function (c) { return recordId(c.record); });
                    next = this.checked ? next.concat([id]) : next.filter(function (c) { return c !== id; });
                    state.chosen = next;
                    render();
                });
                label.append('span').attr('class', 'richness-swatch')
                    .style('background', at >= 0 ? spectrumColor(runs, chosen[at], at) : 'transparent');
                label.append('span').text(spectrumName(runs, {record: r, run: run}));
            });
        });
    }

    function renderSpectra(runs) {
        var chosen = chosenRecords(runs);
        var panels = [
            {id: 'chart-quality', key: 'cumulative_quality', title: 'Π*(k): quality', y: 'Π*(k)', domain: [0, 1]},
            {id: 'chart-utilization', key: 'cumulative_utilization', title: 'Π̂(k): utilisation', y: 'Π̂(k)', domain: [0, 1]},
            {id: 'chart-eigen', key: 'relative_eigenvalues', title: 'ρ_k / ρ_1', y: 'ρ_k / ρ_1', domain: null}
        ];
        panels.forEach(function (panel) {
            lineChart(panel.id, {
                title: panel.title, xLabel: 'k (eigenfunction, log scale)', yLabel: panel.y, xLog: true,
                yDomain: panel.domain, height: 280,
                series: chosen.map(function (entry, i) {
                    return {name: spectrumName(runs, entry), run: entry.run.key, color: spectrumColor(runs, entry, i),
                        points: spectrumSeries(entry.record, panel.key)};
                }).concat(panel.key !== 'relative_eigenvalues' ? [] : chosen.map(function (entry, i) {
                    var k = entry.record.trusted_eigenvalues;
                    var marked = k > 0 && k < (entry.record.relative_eigenvalues || []).length;
                    return !marked ? null : {name: spectrumName(runs, entry) + ': trusted up to k = ' + k,
                        run: entry.run.key, color: spectrumColor(runs, entry, i), dashed: true, reference: true,
                        points: [[k, 0], [k, 1]]};
                }).filter(function (s) { return s !== null; }))
            });
        });
    }

    var HEATMAP_COLORS = ['rgb(0,114,178)', 'rgb(240,240,240)', 'rgb(213,94,0)'];
    var HEATMAP_ROW = 30;
    var HEATMAP_TICKS = 8;
    var LAYER_QUANTITIES = [
        {key: 'd_lr', title: 'D_LR per layer (0 rich, 1 lazy)', label: 'D_LR'},
        {key: 's_init', title: 'S_init per layer', label: 'S_init'}
    ];

    /** A layer quantity's label, as LayerRichness.label(): the layer, with the kind of features unless flattened. */
    function layerLabel(entry) {
        return entry.features === 'flattened' ? entry.layer : entry.layer + ' [' + entry.features + ']';
    }

    function withLayers(records) {
        return records.filter(function (r) { return (r.layers || []).length > 0; });
    }

    /** The layer labels of the records, in the order of the forward pass (first seen first). */
    function layerLabels(records) {
        var labels = [];
        records.forEach(function (r) {
            r.layers.forEach(function (entry) {
                if (labels.indexOf(layerLabel(entry)) < 0) {
                    labels.push(layerLabel(entry));
                }
            });
        });
        return labels;
    }

    function layerValue(r, label, key) {
        var entry = r.layers.filter(function (e) { return layerLabel(e) === label; })[0];
        return entry && finite(entry[key]) ? entry[key] : null;
    }

    /**
     * A layer × measurement heatmap of one run: a rect.richness-cell per finite value (data-layer, data-iteration,
     * data-value; missing values left blank), layer names on the y axis, iterations on the x axis, a 0..1 colour legend.
     */
    function heatmap(parent, run, quantity, title, index) {
        var measured = withLayers(run.records);
        var labels = layerLabels(measured);
        var width = Math.max(parent.node().clientWidth, 300);
        var longest = d3.max(labels, function (l) { return l.length; });
        var margin = {top: 24, right: 64, bottom: 42, left: Math.min(12 + longest * LEGEND_CHAR, width / 2)};
        var w = width - margin.left - margin.right;
        var h = labels.length * HEATMAP_ROW;
        var color = d3.scale.linear().domain([0, 0.5, 1]).range(HEATMAP_COLORS).clamp(true);
        var svg = parent.append('svg').attr('class', 'richness-svg richness-heatmap').attr('data-quantity', quantity.key)
            .attr('data-run', run.key).attr('width', width).attr('height', h + margin.top + margin.bottom);
        svg.append('text').attr('class', 'richness-title').attr('x', margin.left + w / 2).attr('y', 16)
            .attr('text-anchor', 'middle').text(title);
        var g = svg.append('g').attr('transform', 'translate(' + margin.left + ',' + margin.top + ')');
        var x = d3.scale.ordinal().domain(d3.range(measured.length)).rangeBands([0, w]);
        var y = d3.scale.ordinal().domain(labels).rangeBands([0, h]);
        var cells = [];
        measured.forEach(function (r, i) {
            labels.forEach(function (label) {
                var v = layerValue(r, label, quantity.key);
                if (v !== null) {
                    cells.push({i: i, iteration: r.iteration, label: label, value: v});
                }
            });
        });
        g.selectAll('rect.richness-cell').data(cells).enter().append('rect').attr('class', 'richness-cell')
            .attr('data-layer', function (c) { return c.label; })
            .attr('data-iteration', function (c) { return c.iteration; })
            .attr('data-value', function (c) { return c.value; })
            .attr('x', function (c) { return x(c.i); }).attr('y', function (c) { return y(c.label); })
            .attr('width', x.rangeBand()).attr('height', y.rangeBand())
            .style('fill', function (c) { return color(c.value); })
            .append('title').text(function (c) {
                return c.label + ', iteration ' + c.iteration + ': ' + quantity.label + ' = ' + fmt(c.value);
            });
        var every = Math.ceil(measured.length / HEATMAP_TICKS);
        var xAxis = d3.svg.axis().scale(x).orient('bottom')
            .tickValues(d3.range(0, measured.length, every)).tickFormat(function (i) { return measured[i].iteration; });
        g.append('g').attr('class', 'richness-axis').attr('transform', 'translate(0,' + h + ')').call(xAxis);
        g.append('g').attr('class', 'richness-axis richness-layer-axis').call(d3.svg.axis().scale(y).orient('left'));
        g.append('text').attr('class', 'richness-label').attr('x', w / 2).attr('y', h + 36)
            .attr('text-anchor', 'middle').text('iteration');
        colorLegend(svg, color, 'grad-' + quantity.key + '-' + index, width - margin.right + 14, margin.top,
            Math.max(h, 60));
    }

    /** A vertical colour bar from 0 (bottom) to 1 (top) with ticks, the heatmaps' legend. */
    function colorLegend(svg, color, id, left, top, height) {
        var gradient = svg.append('defs').append('linearGradient').attr('id', id)
            .attr('x1', 0).attr('y1', 1).attr('x2', 0).attr('y2', 0);
        [0, 0.5, 1].forEach(function (v) {
            gradient.append('stop').attr('offset', v).style('stop-color', color(v));
        });
        var legend = svg.append('g').attr('class', 'richness-color-legend')
            .attr('transform', 'translate(' + left + ',' + top + ')');
        legend.append('rect').attr('width', 12).attr('height', height).style('fill', 'url(#' + id + ')')
            .style('stroke', '#999');
        var scale = d3.scale.linear().domain([0, 1]).range([height, 0]);
        legend.append('g').attr('class', 'richness-axis').attr('transform', 'translate(12,0)')
            .call(d3.svg.axis().scale(scale).orient('right').tickValues([0, 0.25, 0.5, 0.75, 1]).tickFormat(String));
    }

    /**
     * The layer-wise section (appendix I): for each run drawn that has layers, the heatmaps of D_LR_l and S_init_l;
     * then D_LR_l (solid) and S_init_l (dashed) against the layer at each such run's last measurement. Hidden
     * when no run drawn has layers.
     */
    function renderLayers(runs) {
        var layered = runs.filter(function (run) { return withLayers(run.records).length > 0; });
        var section = d3.select('#layers').style('display', layered.length > 0 ? null : 'none');
        var box = d3.select('#layer-heatmaps');
        box.selectAll('*').remove();
        d3.select('#chart-layers').selectAll('*').remove();
        if (layered.length === 0 || section.empty()) {
            return;
        }
        layered.forEach(function (run, r) {
            var row = box.append('div').attr('class', 'richness-panels');
            var panels = LAYER_QUANTITIES.map(function () {
                return row.append('div').attr('class', 'richness-chart richness-panel4');
            });
            LAYER_QUANTITIES.forEach(function (quantity, q) {
                heatmap(panels[q], run, quantity, (runs.length > 1 ? run.label + ': ' : '') + quantity.title, r);
            });
        });
        var lasts = layered.map(function (run) {
            var measured = withLayers(run.records);
            return {run: run, record: measured[measured.length - 1]};
        });
        var labels = layerLabels(lasts.map(function (l) { return l.record; }));
        var series = [];
        lasts.forEach(function (last) {
            var one = layered.length === 1;
            LAYER_QUANTITIES.forEach(function (quantity, q) {
                var points = [];
                labels.forEach(function (label, i) {
                    var v = layerValue(last.record, label, quantity.key);
                    if (v !== null) {
                        points.push([i, v]);
                    }
                });
                series.push({name: (one ? '' : last.run.label + ': ') + quantity.label, run: last.run.key,
                    color: one ? COLORS(q) : last.run.color, dashed: q > 0, points: points});
            });
        });
        var at = lasts.length === 1 ? ' at epoch ' + lasts[0].record.epoch + ', iteration ' + lasts[0].record.iteration
            : ' at the last measurement of each run';
        lineChart('chart-layers', {title: 'Layers' + at, xLabel: 'layer', yLabel: 'value', yDomain: [0, 1],
            legend: true, xCategories: labels, height: 280, series: series});
    }

    /** The latest record of each run drawn, one column per run. */
    function renderTable(runs) {
        var table = d3.select('#latest');
        table.selectAll('*').remove();
        if (runs.length === 0) {
            return;
        }
        var latest = runs.map(function (run) {
            return run.records[run.records.length - 1];
        });
        var rows = [
            ['epoch / iteration', function (r) { return r.epoch + ' / ' + r.iteration; }],
            ['probe n (spectrum n)', function (r) { return r.n + ' (' + r.n_spectrum + ')'; }],
            ['features p, outputs C', function (r) { return r.p + ', ' + r.c; }],
            ['D_LR ± se', function (r) { return fmt(r.d_lr) + (finite(r.d_lr_se) ? ' ± ' + fmt(r.d_lr_se) : ''); }],
            ['debiased D_LR ± se', function (r) {
                return fmt(r.d_lr_debiased) + (finite(r.d_lr_debiased_se) ? ' ± ' + fmt(r.d_lr_debiased_se) : '');
            }],
            ['lazy reference d_lr_lazy', function (r) { return fmt(r.d_lr_lazy); }],
            ['D_LR (projection)', function (r) { return fmt(r.d_lr_projection); }],
            ['D_eff(ρ), D_eff(Q̂)', function (r) { return fmt(r.d_eff) + ', ' + fmt(r.d_eff_utilization); }],
            ['trust limit K, ⟨1|e₁⟩', function (r) { return r.trusted_eigenvalues + ', ' + fmt(r.constant_mode_overlap); }],
            ['spectrum, NC1 probe', function (r) {
                var probes = r.probes || {};
                return (probes.spectrum || '–') + ', ' + (probes.nc1 || '–');
            }],
            ['S_init', function (r) { return fmt(r.s_init); }],
            ['‖θ‖²', function (r) { return fmt(r.param_norm_sq); }],
            ['NC1, Tr(Σ_W)', function (r) { return fmt(r.nc1) + ', ' + fmt(r.trace_sigma_w); }],
            ['measured in', function (r) { return r.measurement_ms + ' ms'; }],
            ['head', function (r) { return r.head || '–'; }],
            ['output', function (r) { return r.output_mode || '–'; }],
            ['run id', function (r) { return r.run_id || '–'; }]
        ];
        if (runs.length > 1) {
            var header = table.append('tr');
            header.append('th').text('');
            runs.forEach(function (run) {
                header.append('th').append('span').style('color', run.color).text(run.label);
            });
        }
        var notes = latest.some(function (r) { return r.failure || (r.warnings || []).length > 0; });
        rows.forEach(function (row) {
            var tr = table.append('tr');
            tr.append('td').text(row[0]);
            latest.forEach(function (r) {
                tr.append('td').text(row[1](r));
            });
        });
        if (notes) {
            var tr = table.append('tr');
            tr.append('td').text('failure, warnings');
            latest.forEach(function (r) {
                tr.append('td').text([r.failure].concat(r.warnings || []).filter(Boolean).join('; ') || '–');
            });
        }
    }

    function renderRunChoice(runs) {
        var box = d3.select('#runChoice');
        box.selectAll('*').remove();
        box.append('span').attr('class', 'richness-hint').text('Runs drawn:');
        runs.forEach(function (run) {
            var label = box.append('label').attr('class', 'richness-choice richness-run');
            label.append('input').attr('type', 'checkbox').attr('data-run', run.key).property('checked', !state.hidden[run.key])
                .on('change', function () {
                    if (this.checked) {
                        delete state.hidden[run.key];
                    } else {
                        state.hidden[run.key] = true;
                    }
                    render();
                });
            label.append('span').attr('class', 'richness-swatch').style('background', run.color);
            label.append('span').text(run.label + ' (' + run.records.length + ')');
        });
    }

    function renderSessionChoice() {
        var box = d3.select('#sessionChoice');
        box.selectAll('*').remove();
        box.append('span').attr('class', 'richness-hint').text('Sessions (tick several to compare):');
        state.sessions.forEach(function (s) {
            var label = box.append('label').attr('class', 'richness-choice richness-session');
            label.append('input').attr('type', 'checkbox').attr('data-session', s.session)
                .property('checked', state.shown.indexOf(s.session) >= 0)
                .on('change', function () {
                    if (this.checked) {
                        showSession(s.session);
                    } else {
                        state.shown = state.shown.filter(function (id) { return id !== s.session; });
                        render();
                    }
                });
            label.append('span').text((s.label ? s.label + ' — ' : '') + s.session + ' (' + s.records + ')');
        });
    }

    function render() {
        var runs = allRuns();
        renderSessionChoice();
        renderRunChoice(runs);
        var drawn = visibleRuns(runs);
        lineChart('chart-dlr', {
            xLabel: 'iteration', yLabel: 'D_LR', legend: true, height: 300,
            series: pairOfSeries(drawn, 'd_lr', 'D_LR', 'd_lr_projection', 'D_LR (projection)', [COLORS(0), COLORS(1)])
        });
        renderTable(drawn);
        renderChoice(drawn);
        renderSpectra(drawn);
        renderLayers(drawn);
        lineChart('chart-deff', {
            xLabel: 'iteration', yLabel: 'D_eff', legend: true,
            series: pairOfSeries(drawn, 'd_eff', 'D_eff(ρ)', 'd_eff_utilization', 'D_eff(Q̂)', [COLORS(2), COLORS(3)])
        });
        BASELINES.forEach(function (b, i) {
            lineChart('chart-' + b.key, {
                title: b.title, xLabel: 'iteration', yLabel: b.label, height: 240, legend: drawn.length > 1,
                series: drawn.map(function (run) {
                    return {name: drawn.length > 1 ? run.label : b.key, run: run.key,
                        color: drawn.length > 1 ? run.color : COLORS(4 + i), points: timeSeries(run.records, b.key)};
                })
            });
        });
        renderStatus(runs);
    }

    function renderStatus(runs) {
        var count = runs.reduce(function (n, run) { return n + run.records.length; }, 0);
        status(state.shown.length === 0 ? 'Tick a session to draw its runs.'
            : state.shown.map(sessionName).join(', ') + ' · ' + runs.length + (runs.length === 1 ? ' run' : ' runs')
            + ' · ' + count + ' records · checked ' + new Date().toLocaleTimeString());
    }

    function status(text) {
        d3.select('#status').text(text);
    }

    function pollRecords(session) {
        var loaded = state.loaded[session];
        var url = '/richness/records/' + encodeURIComponent(session) + (loaded.since === null ? '' : '?since=' + loaded.since);
        d3.json(url, function (error, answer) {
            if (error) {
                status('Cannot reach the UI server: ' + (error.statusText || error));
                return;
            }
            if (state.loaded[session] !== loaded) {
                return;
            }
            var first = loaded.since === null && loaded.records.length === 0;
            if (answer.records.length > 0) {
                answer.records.forEach(function (r) {
                    r.session = session;
                });
                loaded.records = loaded.records.concat(answer.records);
                loaded.since = answer.records[answer.records.length - 1].stored_ms;
            }
            if (answer.records.length > 0 || first) {
                render();
            } else {
                renderStatus(allRuns());
            }
        });
    }

    function showSession(session) {
        if (state.shown.indexOf(session) < 0) {
            state.shown.push(session);
        }
        if (!state.loaded[session]) {
            state.loaded[session] = {since: null, records: []};
        }
        state.chosen = null;
        pollRecords(session);
    }

    function pollSessions() {
        d3.json('/richness/sessions', function (error, sessions) {
            if (error) {
                status('Cannot reach the UI server: ' + (error.statusText || error));
                return;
            }
            state.sessions = sessions;
            if (sessions.length === 0) {
                status('No richness records in the storages attached to this UI yet: attach a StatsStorage that a '
                    + 'StatsStorageReporter writes to.');
                render();
                return;
            }
            if (!state.picked) {
                state.picked = true;
                var known = sessions.map(function (s) { return s.session; });
                var wanted = new URLSearchParams(window.location.search).getAll('session').filter(function (id) {
                    return known.indexOf(id) >= 0;
                });
                (wanted.length > 0 ? wanted : [sessions[0].session]).forEach(showSession);
            } else {
                render();
            }
        });
    }

    function start() {
        window.addEventListener('resize', function () {
            render();
        });
        pollSessions();
        setInterval(function () {
            state.polls++;
            if (state.polls % SESSIONS_EVERY === 0) {
                pollSessions();
            }
            state.shown.forEach(pollRecords);
        }, POLL_MS);
    }

    return {start: start, lineChart: lineChart, splitRuns: splitRuns};
})();
