/*
 * The richness page of DL4J's training UI: polls /richness/records/<session>?since=<key> and draws the
 * records with D3 v3 (the webjar the UI serves). Each series is one SVG path with class "richness-line" and a
 * data-series attribute; non-finite values (failed measurements, undefined baselines) are left out.
 */
var richness = (function () {
    'use strict';

    var POLL_MS = 2000;
    var SESSIONS_EVERY = 5;
    var COLORS = d3.scale.category10();
    var BASELINES = [
        {key: 's_init', title: 'Kernel similarity to init', label: 'S_init'},
        {key: 'param_norm_sq', title: 'Parameter norm', label: '‖θ‖²'},
        {key: 'nc1', title: 'Neural collapse NC1', label: 'Tr(Σ_b⁺ Σ_W)'},
        {key: 'trace_sigma_w', title: 'Within-class variation', label: 'Tr(Σ_W)'}
    ];

    var state = {session: null, worker: null, since: null, records: [], chosen: null, polls: 0};

    function finite(v) {
        return typeof v === 'number' && isFinite(v);
    }

    function fmt(v) {
        return finite(v) ? d3.format('.4g')(v) : '–';
    }

    function recordId(r) {
        return r.worker + '@' + r.stored_ms;
    }

    function recordName(r) {
        return 'epoch ' + r.epoch + ', it ' + r.iteration + ': D_LR = ' + fmt(r.d_lr);
    }

    function visibleRecords() {
        return state.records.filter(function (r) {
            return state.worker === null || r.worker === state.worker;
        });
    }

    function timeSeries(records, key) {
        return records.filter(function (r) {
            return finite(r[key]);
        }).map(function (r) {
            return [r.iteration, r[key]];
        });
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

    /** Draws a line chart into the element with the given id; spec: title, xLabel, yLabel, xLog, yDomain, legend, series. */
    function lineChart(id, spec) {
        var el = document.getElementById(id);
        var width = Math.max(el.clientWidth, 240);
        var height = spec.height || 260;
        var margin = {top: spec.title || spec.legend ? 26 : 12, right: 16, bottom: 42, left: 60};
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
            all = all.concat(s.points);
        });
        if (all.length === 0) {
            g.append('text').attr('class', 'richness-empty').attr('x', w / 2).attr('y', h / 2)
                .attr('text-anchor', 'middle').text('no values yet');
            return;
        }
        var x = (spec.xLog ? d3.scale.log() : d3.scale.linear()).range([0, w])
            .domain(padded(d3.extent(all, function (p) { return p[0]; }), spec.xLog));
        var y = d3.scale.linear().range([h, 0])
            .domain(spec.yDomain || padded(d3.extent(all, function (p) { return p[1]; }), false));
        if (!spec.yDomain) {
            y.nice();
        }
        var xAxis = d3.svg.axis().scale(x).orient('bottom').ticks(6);
        xAxis.tickFormat(spec.xLog ? function (d) { return powerOfTen(d) ? d3.format(',d')(d) : ''; } : d3.format(',g'));
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
            g.append('path').attr('class', 'richness-line').attr('data-series', s.name).attr('d', line(s.points))
                .style('stroke', s.color);
            if (s.points.length <= 60) {
                g.selectAll('circle.none').data(s.points).enter().append('circle').attr('class', 'richness-point')
                    .attr('data-series', s.name).attr('r', 2.5).style('fill', s.color)
                    .attr('cx', function (p) { return x(p[0]); }).attr('cy', function (p) { return y(p[1]); });
            }
        });
        if (spec.legend) {
            var legend = svg.append('g').attr('class', 'richness-legend').attr('transform', 'translate(' + margin.left + ',4)');
            spec.series.forEach(function (s, i) {
                var row = legend.append('g').attr('transform', 'translate(' + (i * 150) + ',0)');
                row.append('rect').attr('width', 12).attr('height', 3).attr('y', 5).style('fill', s.color);
                row.append('text').attr('x', 18).attr('y', 10).text(s.name);
            });
        }
    }

    function chosenRecords(records) {
        var withSpectra = records.filter(function (r) {
            return (r.relative_eigenvalues || []).length > 0;
        });
        if (state.chosen === null) {
            return withSpectra.slice(-1);
        }
        return withSpectra.filter(function (r) {
            return state.chosen.indexOf(recordId(r)) >= 0;
        });
    }

    function renderChoice(records) {
        var chosen = chosenRecords(records).map(recordId);
        var box = d3.select('#recordChoice');
        box.selectAll('*').remove();
        box.append('span').attr('class', 'richness-hint').text('Records shown (tick several to overlay epochs):');
        records.filter(function (r) {
            return (r.relative_eigenvalues || []).length > 0;
        }).forEach(function (r) {
            var id = recordId(r);
            var on = chosen.indexOf(id) >= 0;
            var label = box.append('label').attr('class', 'richness-choice');
            label.append('input').attr('type', 'checkbox').property('checked', on).on('change', function () {
                var next = chosenRecords(visibleRecords()).map(recordId);
                next = this.checked ? next.concat([id]) : next.filter(function (c) { return c !== id; });
                state.chosen = next;
                render();
            });
            label.append('span').attr('class', 'richness-swatch')
                .style('background', on ? COLORS(chosen.indexOf(id)) : 'transparent');
            label.append('span').text(recordName(r));
        });
    }

    function renderSpectra(records) {
        var chosen = chosenRecords(records);
        var panels = [
            {id: 'chart-quality', key: 'cumulative_quality', title: 'Π*(k): quality', y: 'Π*(k)', domain: [0, 1]},
            {id: 'chart-utilization', key: 'cumulative_utilization', title: 'Π̂(k): utilisation', y: 'Π̂(k)', domain: [0, 1]},
            {id: 'chart-eigen', key: 'relative_eigenvalues', title: 'ρ_k / ρ_1', y: 'ρ_k / ρ_1', domain: null}
        ];
        panels.forEach(function (panel) {
            lineChart(panel.id, {
                title: panel.title, xLabel: 'k (eigenfunction, log scale)', yLabel: panel.y, xLog: true,
                yDomain: panel.domain, height: 280,
                series: chosen.map(function (r, i) {
                    return {name: recordName(r), color: COLORS(i), points: spectrumSeries(r, panel.key)};
                })
            });
        });
    }

    function renderTable(records) {
        var table = d3.select('#latest');
        table.selectAll('*').remove();
        if (records.length === 0) {
            return;
        }
        var r = records[records.length - 1];
        var rows = [
            ['epoch / iteration', r.epoch + ' / ' + r.iteration],
            ['probe n (spectrum n)', r.n + ' (' + r.n_spectrum + ')'],
            ['features p, outputs C', r.p + ', ' + r.c],
            ['D_LR', fmt(r.d_lr)],
            ['D_LR (projection)', fmt(r.d_lr_projection)],
            ['D_eff(ρ), D_eff(Q̂)', fmt(r.d_eff) + ', ' + fmt(r.d_eff_utilization)],
            ['S_init', fmt(r.s_init)],
            ['‖θ‖²', fmt(r.param_norm_sq)],
            ['NC1, Tr(Σ_W)', fmt(r.nc1) + ', ' + fmt(r.trace_sigma_w)],
            ['measured in', r.measurement_ms + ' ms'],
            ['head', r.head || '–']
        ];
        if (r.failure) {
            rows.push(['failure', r.failure]);
        }
        (r.warnings || []).forEach(function (w) {
            rows.push(['warning', w]);
        });
        rows.forEach(function (row) {
            var tr = table.append('tr');
            tr.append('td').text(row[0]);
            tr.append('td').text(row[1]);
        });
    }

    function render() {
        var records = visibleRecords();
        lineChart('chart-dlr', {
            xLabel: 'iteration', yLabel: 'D_LR', legend: true, height: 300, series: [
                {name: 'D_LR', color: COLORS(0), points: timeSeries(records, 'd_lr')},
                {name: 'D_LR (projection)', color: COLORS(1), points: timeSeries(records, 'd_lr_projection')}
            ]
        });
        renderTable(records);
        renderChoice(records);
        renderSpectra(records);
        lineChart('chart-deff', {
            xLabel: 'iteration', yLabel: 'D_eff', legend: true, series: [
                {name: 'D_eff(ρ)', color: COLORS(2), points: timeSeries(records, 'd_eff')},
                {name: 'D_eff(Q̂)', color: COLORS(3), points: timeSeries(records, 'd_eff_utilization')}
            ]
        });
        BASELINES.forEach(function (b, i) {
            lineChart('chart-' + b.key, {
                title: b.title, xLabel: 'iteration', yLabel: b.label, height: 240,
                series: [{name: b.key, color: COLORS(4 + i), points: timeSeries(records, b.key)}]
            });
        });
    }

    function status(text) {
        d3.select('#status').text(text);
    }

    function renderWorkers() {
        var workers = d3.set(state.records.map(function (r) { return r.worker; })).values().sort();
        var select = d3.select('#workerSelect');
        var show = workers.length > 1;
        select.style('display', show ? null : 'none');
        d3.select('#workerLabel').style('display', show ? null : 'none');
        if (state.worker === null && workers.length > 0) {
            state.worker = workers[0];
        }
        var options = select.selectAll('option').data(workers, String);
        options.enter().append('option');
        options.exit().remove();
        options.attr('value', String).text(String).property('selected', function (w) { return w === state.worker; });
    }

    function pollRecords() {
        if (state.session === null) {
            return;
        }
        var session = state.session;
        var url = '/richness/records/' + encodeURIComponent(session) + (state.since === null ? '' : '?since=' + state.since);
        d3.json(url, function (error, answer) {
            if (error || session !== state.session) {
                if (error) {
                    status('Cannot reach the UI server: ' + (error.statusText || error));
                }
                return;
            }
            if (answer.records.length > 0) {
                state.records = state.records.concat(answer.records);
                state.since = answer.records[answer.records.length - 1].stored_ms;
                renderWorkers();
                render();
            }
            status('Session ' + session + ' · ' + state.records.length + ' records · checked '
                + new Date().toLocaleTimeString());
        });
    }

    function selectSession(session) {
        state = {session: session, worker: null, since: null, records: [], chosen: null, polls: state.polls};
        pollRecords();
    }

    function pollSessions() {
        d3.json('/richness/sessions', function (error, sessions) {
            if (error) {
                status('Cannot reach the UI server: ' + (error.statusText || error));
                return;
            }
            if (sessions.length === 0) {
                status('No richness records in the storages attached to this UI yet: attach a StatsStorage that a '
                    + 'StatsStorageReporter writes to.');
                render();
                return;
            }
            var select = d3.select('#sessionSelect');
            var options = select.selectAll('option').data(sessions, function (s) { return s.session; });
            options.enter().append('option');
            options.exit().remove();
            options.attr('value', function (s) { return s.session; })
                .text(function (s) { return (s.label ? s.label + ' — ' : '') + s.session + ' (' + s.records + ')'; });
            if (state.session === null) {
                var wanted = new URLSearchParams(window.location.search).get('session');
                var known = sessions.some(function (s) { return s.session === wanted; });
                selectSession(known ? wanted : sessions[0].session);
            }
            select.property('value', state.session);
        });
    }

    function start() {
        d3.select('#sessionSelect').on('change', function () {
            selectSession(this.value);
        });
        d3.select('#workerSelect').on('change', function () {
            state.worker = this.value;
            state.chosen = null;
            render();
        });
        window.addEventListener('resize', function () {
            render();
        });
        pollSessions();
        setInterval(function () {
            state.polls++;
            if (state.polls % SESSIONS_EVERY === 0) {
                pollSessions();
            }
            pollRecords();
        }, POLL_MS);
    }

    return {start: start, lineChart: lineChart};
})();
