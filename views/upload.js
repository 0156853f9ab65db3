// Upload progress for forms marked data-upload (served as /assets/upload.js from our own origin).
// Without this script the same forms post as ordinary multipart forms; with it, the file goes by XMLHttpRequest so that
// a <progress> bar and a polite live status follow the bytes. Texts come from the form's data-text-* attributes.
(function () {
  'use strict';
  if (!window.XMLHttpRequest || !window.FormData || !window.DOMParser) return;

  function say(form, text) {
    var status = form.querySelector('[data-upload-status]');
    if (status) status.textContent = text;
  }

  function showPage(html) {
    // An error answer is a whole page with the form and its errors: put its main content in place of ours.
    var doc = new DOMParser().parseFromString(html, 'text/html');
    var fresh = doc.querySelector('main');
    var current = document.querySelector('main');
    if (!fresh || !current) return false;
    current.replaceWith(document.importNode(fresh, true));
    if (doc.title) document.title = doc.title;
    var summary = document.getElementById('error-summary');
    (summary || document.querySelector('main')).focus();
    return true;
  }

  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.hasAttribute('data-upload')) return;
    var input = form.querySelector('input[type="file"]');
    // No file chosen: let the server answer with its own message.
    if (!input || !input.files || !input.files.length) return;
    event.preventDefault();

    var file = input.files[0];
    var max = Number(form.getAttribute('data-max-bytes'));
    if (max && file.size > max) {
      say(form, form.getAttribute('data-text-too-large'));
      input.setAttribute('aria-invalid', 'true');
      input.focus();
      return;
    }

    var box = form.querySelector('.upload-progress');
    var bar = form.querySelector('progress');
    var button = form.querySelector('button[type="submit"]');
    var template = form.getAttribute('data-text-progress') || '{percent} %';
    var lastSaid = -1;
    if (box) box.hidden = false;
    if (bar) {
      bar.max = 100;
      bar.value = 0;
    }
    if (button) button.disabled = true;

    var xhr = new XMLHttpRequest();
    xhr.open('POST', form.action);
    xhr.upload.addEventListener('progress', function (e) {
      if (!e.lengthComputable) return;
      var percent = Math.floor((e.loaded / e.total) * 100);
      if (bar) {
        bar.value = percent;
        bar.textContent = percent + ' %';
      }
      // Screen readers hear every tenth percent, not every event.
      var step = Math.floor(percent / 10) * 10;
      if (step !== lastSaid) {
        lastSaid = step;
        say(form, template.replace('{percent}', String(step)));
      }
    });
    xhr.upload.addEventListener('load', function () {
      say(form, form.getAttribute('data-text-done'));
    });
    xhr.addEventListener('load', function () {
      if (xhr.status >= 200 && xhr.status < 300) {
        // The server answered with a redirect that XHR followed: go to that page for real.
        window.location.assign(xhr.responseURL || window.location.href);
        return;
      }
      if (!showPage(xhr.responseText)) failed();
    });
    xhr.addEventListener('error', failed);
    xhr.addEventListener('abort', failed);

    function failed() {
      if (box) box.hidden = true;
      if (button) button.disabled = false;
      say(form, form.getAttribute('data-text-failed'));
    }

    // The form token is also the form's first field; the header says it again for the organiser area's check.
    var csrf = document.querySelector('meta[name="csrf-token"]');
    if (csrf) xhr.setRequestHeader('X-CSRF-Token', csrf.getAttribute('content'));
    xhr.send(new FormData(form));
  });
})();
